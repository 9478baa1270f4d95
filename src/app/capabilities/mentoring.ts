// Mentoring: logging mentor meetings in chat, and the mentor-followups job.
import { createFollowUpService } from "../../core/mentoring/create-followup-service.ts";
import { createMentoringFeature } from "../../core/mentoring/create-mentoring-feature.ts";
import { createFollowUpStore, createMentoringStore } from "../../db/mentoring-store.ts";
import { createPeopleDirectory } from "../../db/people-directory.ts";
import { createMentorFollowupsJob } from "../../jobs/mentor-followups.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createMentoring(deps: CapabilityDeps): Capability {
  const followUps = createFollowUpService({
    store: createFollowUpStore(deps.db),
    directory: createPeopleDirectory(deps.db),
  });
  return {
    features: [createMentoringFeature({ mentoring: createMentoringStore(deps.db), freeText: deps.freeText })],
    jobs: [createMentorFollowupsJob({ followUps })],
  };
}
