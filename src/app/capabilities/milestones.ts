// Milestones: recording them in chat, and the celebrations job.
import { createMilestoneFeature } from "../../core/milestones/create-milestone-feature.ts";
import { createMilestoneStore } from "../../db/milestone-store.ts";
import { createCelebrationsJob } from "../../jobs/celebrations.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createMilestones(deps: CapabilityDeps): Capability {
  return {
    features: [
      createMilestoneFeature({ milestones: createMilestoneStore(deps.db), freeText: deps.freeText }),
    ],
    jobs: [createCelebrationsJob({ db: deps.db })],
  };
}
