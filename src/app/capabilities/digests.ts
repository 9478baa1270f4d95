// Coordinator digests: asking for one in chat, and the digests job (each coordinator on their local day and hour).
import { createDigestFeature } from "../../core/digest/create-digest-feature.ts";
import { createDigestService } from "../../core/digest/create-digest-service.ts";
import { createDigestStore, createScheduledDigestStore } from "../../db/digest-store.ts";
import { createDigestsJob } from "../../jobs/digests.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createDigests(deps: CapabilityDeps): Capability {
  const digests = createDigestService({ store: createScheduledDigestStore(deps.db), log: deps.logger });
  return {
    features: [createDigestFeature({ digests: createDigestStore(deps.db) })],
    jobs: [createDigestsJob({ digests })],
  };
}
