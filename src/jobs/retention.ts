// The daily retention job: check-in and mentor meeting notes older than RETENTION_DAYS are cleared.
import { count } from "../core/plural.ts";
import type { RetentionService } from "../core/retention/create-retention-service.ts";
import type { Job } from "./job.ts";

export function createRetentionJob(deps: { retention: RetentionService }): Job {
  const { retentionDays } = deps.retention;
  return {
    name: "retention",
    // Once a day, at a quiet hour (UTC); the job is idempotent, so a missed day is caught up by the next.
    cron: "41 2 * * *",
    description: `clears check-in and meeting notes older than ${retentionDays} days`,
    async run(now) {
      const counts = await deps.retention.run(now);
      return {
        summary: `${count(counts.checkinNotes, "check-in note")} and ${count(counts.meetingNotes, "meeting note")} older than ${count(retentionDays, "day")} cleared`,
        counts: { ...counts },
      };
    },
  };
}
