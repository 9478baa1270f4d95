// Job `checkins`: every minute, plan the check-in periods that have come and send each prompt that is due, once.

import type { CheckinService } from "../core/checkins/create-checkin-service.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

export function createCheckinsJob(deps: { checkins: CheckinService }): Job {
  return {
    name: "checkins",
    cron: "* * * * *",
    description: "Plan due check-ins and send their prompts in each member's working hours",
    async run(now) {
      const counts = await deps.checkins.run(now);
      const { waiting, ...done } = counts;
      const late = counts.late > 0 ? ` (${counts.late} late)` : "";
      return {
        summary:
          `${count(counts.planned, "check-in")} planned, ${count(counts.sent, "prompt")} enqueued${late}, ` +
          `${counts.unreachable} unreachable, ${counts.skipped} skipped, ${counts.moved} moved past a holiday or days away, ` +
          `${waiting} waiting for working hours`,
        // Waiting prompts are not news each minute; the scheduler logs a run only when something happened.
        counts: done,
      };
    },
  };
}
