// The one shape of a capability: `create<Capability>(deps)` returns its chat features and its scheduled jobs.
import type { Config } from "../../config.ts";
import type { StatusAwayLookup } from "../../core/away/status-away.ts";
import type { CoreFeature } from "../../core/feature.ts";
import { createFreeTextGuard, type FreeTextGuard } from "../../core/free-text.ts";
import type { Platform } from "../../core/message.ts";
import type { TimezoneLookup } from "../../core/profile/profile-port.ts";
import type { Db } from "../../db/client.ts";
import { createMemberEmails } from "../../db/member-emails.ts";
import type { Job } from "../../jobs/job.ts";
import type { Logger } from "../../logger.ts";

/** What every capability may draw on; each takes the stores it needs from `db`. */
export interface CapabilityDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** Platforms that can tell a person's time zone on request: filled in once the bots exist. */
  timezones: Partial<Record<Platform, TimezoneLookup>>;
  /** Platforms that can tell whether a person's status says they are away: filled in once the bots exist. */
  statusAway: Partial<Record<Platform, StatusAwayLookup>>;
  /** The one patient-data guard for every feature that stores free text; members' email addresses pass. */
  freeText: FreeTextGuard;
}

export interface Capability {
  /** Chat commands and buttons, handed to the core. */
  features: CoreFeature[];
  /** Scheduled jobs, handed to the scheduler and to `collab jobs run`. */
  jobs: Job[];
}

/** The shared dependencies, with the patient-data guard built over the members' email addresses. */
export function createCapabilityDeps(deps: { config: Config; db: Db; logger: Logger }): CapabilityDeps {
  return {
    ...deps,
    timezones: {},
    statusAway: {},
    freeText: createFreeTextGuard(createMemberEmails(deps.db)),
  };
}
