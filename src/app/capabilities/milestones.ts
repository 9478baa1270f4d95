// Milestones: recording them in chat, and the celebrations job.
import { createCelebrationService } from "../../core/milestones/create-celebration-service.ts";
import { createMilestoneFeature } from "../../core/milestones/create-milestone-feature.ts";
import { createCelebrationStore } from "../../db/celebration-store.ts";
import { createMilestoneStore } from "../../db/milestone-store.ts";
import { createPeopleDirectory } from "../../db/people-directory.ts";
import { createCelebrationsJob } from "../../jobs/celebrations.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createMilestones(deps: CapabilityDeps): Capability {
  const celebrations = createCelebrationService({
    store: createCelebrationStore(deps.db),
    directory: createPeopleDirectory(deps.db),
  });
  return {
    features: [
      createMilestoneFeature({ milestones: createMilestoneStore(deps.db), freeText: deps.freeText }),
    ],
    jobs: [createCelebrationsJob({ celebrations })],
  };
}
