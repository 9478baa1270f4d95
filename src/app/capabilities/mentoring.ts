// Mentoring: logging mentor meetings in chat, and the mentor-followups job.
import { createMentoringFeature } from "../../core/mentoring/create-mentoring-feature.ts";
import { createMentoringStore } from "../../db/mentoring-store.ts";
import { createMentorFollowupsJob } from "../../jobs/mentor-followups.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createMentoring(deps: CapabilityDeps): Capability {
  return {
    features: [createMentoringFeature({ mentoring: createMentoringStore(deps.db), freeText: deps.freeText })],
    jobs: [createMentorFollowupsJob({ db: deps.db })],
  };
}
