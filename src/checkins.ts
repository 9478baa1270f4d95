// Wires partnerships and check-ins (the `partnerships` command, answering prompts, the checkins and reminders jobs) to the database.
import { createCheckinFeature } from "./core/checkins/create-checkin-feature.ts";
import { type CheckinServiceOptions, createCheckinService } from "./core/checkins/create-checkin-service.ts";
import type { CoreFeature } from "./core/feature.ts";
import type { FreeTextGuard } from "./core/free-text.ts";
import { createPartnershipsFeature } from "./core/partnerships/create-partnerships-feature.ts";
import { createCheckinStore } from "./db/checkin-store.ts";
import type { Db } from "./db/client.ts";
import { createPartnershipStore } from "./db/partnership-store.ts";
import { createCheckinsJob } from "./jobs/checkins.ts";
import type { Job } from "./jobs/job.ts";
import { createRemindersJob } from "./jobs/reminders.ts";

export interface CheckinDeps {
  db: Db;
  /** Reminder delay, late window and working hours; the defaults are 24 h, 24 h and 09:00–17:00. */
  options?: Omit<CheckinServiceOptions, "store">;
}

/** `freeText`: the patient-data guard for notes (members' email addresses pass). */
export function createCheckinFeatures(deps: { db: Db; freeText: FreeTextGuard }): CoreFeature[] {
  return [
    createPartnershipsFeature({ partnerships: createPartnershipStore(deps.db) }),
    createCheckinFeature({
      checkins: createCheckinStore(deps.db),
      freeText: deps.freeText,
    }),
  ];
}

export function createCheckinJobs(deps: CheckinDeps): Job[] {
  const checkins = createCheckinService({ store: createCheckinStore(deps.db), ...deps.options });
  return [createCheckinsJob({ checkins }), createRemindersJob({ checkins })];
}
