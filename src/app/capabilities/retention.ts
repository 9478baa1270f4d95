// Retention: the daily job that clears check-in and mentor meeting notes older than RETENTION_DAYS (no chat feature).
import { createRetentionJob } from "../../jobs/retention-job.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createRetention(deps: CapabilityDeps): Capability {
  return {
    features: [],
    jobs: [createRetentionJob({ db: deps.db, retentionDays: deps.config.retentionDays })],
  };
}
