// Collaborators: profiles, /find-collaborator, intros and "Did you meet?" over the live match index, and the
// intro-expiry and meet-asks jobs.
import { createIntroFeature } from "../../core/intros/create-intro-feature.ts";
import { createMeetFeature } from "../../core/meetings/create-meet-feature.ts";
import { createMeetService } from "../../core/meetings/create-meet-service.ts";
import { createProfileFeature } from "../../core/profile/create-profile-feature.ts";
import { createFindFeature } from "../../core/suggestions/create-find-feature.ts";
import { createLiveMatchIndex, type LiveMatchIndex } from "../../core/suggestions/create-live-match-index.ts";
import { createFindRequestStore } from "../../db/find-request-store.ts";
import { createIntroStore } from "../../db/intro-store.ts";
import { createMatchSource } from "../../db/match-source.ts";
import { createMeetAskStore } from "../../db/meet-ask-store.ts";
import { createPeopleDirectory } from "../../db/people-directory.ts";
import { createProfileStore } from "../../db/profile-store.ts";
import { createWarmPaths } from "../../db/warm-path-store.ts";
import { createIntroExpiryJob } from "../../jobs/intro-expiry.ts";
import { createMeetAsksJob } from "../../jobs/meet-asks.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

/** The features and job, and the process's one match index (exposed for the benchmark and tests). */
export function createCollaborators(deps: CapabilityDeps): Capability & { matches: LiveMatchIndex } {
  const { db, logger: log, freeText, timezones } = deps;
  const profiles = createProfileStore(db);
  const directory = createPeopleDirectory(db);
  const findRequests = createFindRequestStore(db);
  const intros = createIntroStore(db);
  const matches = createLiveMatchIndex({ source: createMatchSource(db), log });
  const meetAsks = createMeetAskStore(db);
  return {
    matches,
    features: [
      createFindFeature({
        matches,
        directory,
        findRequests,
        freeText,
        poorFits: meetAsks,
        warmPaths: createWarmPaths(db),
      }),
      createProfileFeature({ profiles, changes: matches, log, freeText, timezones }),
      createIntroFeature({ intros, findRequests, profiles, directory, changes: matches }),
      createMeetFeature({
        store: meetAsks,
        changes: matches,
        zoneOf: async (personId) => (await profiles.profileOf(personId))?.timezone ?? null,
      }),
    ],
    jobs: [
      createIntroExpiryJob({ intros, findRequests, profiles, directory }),
      createMeetAsksJob({ meetings: createMeetService({ store: meetAsks }) }),
    ],
  };
}
