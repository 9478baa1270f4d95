// Retention: the daily job that clears check-in and mentor meeting notes older than RETENTION_DAYS (no chat feature).
import { createRetentionService } from "../../core/retention/create-retention-service.ts";
import { createRetentionStore } from "../../db/retention-store.ts";
import { createRetentionJob } from "../../jobs/retention.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createRetention(deps: CapabilityDeps): Capability {
  const retention = createRetentionService({
    store: createRetentionStore(deps.db),
    retentionDays: deps.config.retentionDays,
  });
  return { features: [], jobs: [createRetentionJob({ retention })] };
}
