// Wires the collaborator features (profiles, /find-collaborator, intros) and their job to the database stores.
import type { CoreFeature } from "../../core/feature.ts";
import type { FreeTextGuard } from "../../core/free-text.ts";
import { createIntroFeature } from "../../core/intros/create-intro-feature.ts";
import type { Platform } from "../../core/message.ts";
import type { Log } from "../../core/ports.ts";
import { createProfileFeature } from "../../core/profile/create-profile-feature.ts";
import type { TimezoneLookup } from "../../core/profile/profile-store.ts";
import { createFindFeature } from "../../core/suggestions/create-find-feature.ts";
import { createLiveMatchIndex, type LiveMatchIndex } from "../../core/suggestions/create-live-match-index.ts";
import type { Db } from "../../db/client.ts";
import { createFindRequestStore } from "../../db/find-request-store.ts";
import { createIntroStore } from "../../db/intro-store.ts";
import { createMatchSource } from "../../db/match-source.ts";
import { createPeopleDirectory } from "../../db/people-directory.ts";
import { createProfileStore } from "../../db/profile-store.ts";
import { createIntroExpiryJob } from "../../jobs/intro-expiry.ts";
import type { Job } from "../../jobs/job.ts";

export interface CollaboratorDeps {
  db: Db;
  log: Log;
  /** Filled in once the bots exist: platforms that can tell a person's time zone on request. */
  timezones?: Partial<Record<Platform, TimezoneLookup>>;
  /** The patient-data guard for needs and profile entries (members' email addresses pass). */
  freeText: FreeTextGuard;
}

function stores(db: Db) {
  return {
    profiles: createProfileStore(db),
    directory: createPeopleDirectory(db),
    findRequests: createFindRequestStore(db),
    intros: createIntroStore(db),
  };
}

/** The features, and the process's one match index (exposed for the benchmark and tests). */
export function createCollaboratorFeatures(deps: CollaboratorDeps): {
  features: CoreFeature[];
  matches: LiveMatchIndex;
} {
  const { profiles, directory, findRequests, intros } = stores(deps.db);
  const matches = createLiveMatchIndex({ source: createMatchSource(deps.db), log: deps.log });
  return {
    matches,
    features: [
      createFindFeature({ matches, directory, findRequests, freeText: deps.freeText }),
      createProfileFeature({
        profiles,
        changes: matches,
        log: deps.log,
        freeText: deps.freeText,
        ...(deps.timezones ? { timezones: deps.timezones } : {}),
      }),
      createIntroFeature({ intros, findRequests, profiles, directory, changes: matches }),
    ],
  };
}

export function createCollaboratorJobs(deps: { db: Db }): Job[] {
  const { profiles, directory, findRequests, intros } = stores(deps.db);
  return [createIntroExpiryJob({ intros, findRequests, profiles, directory })];
}
