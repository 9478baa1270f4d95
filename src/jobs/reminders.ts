// Job `reminders`: every minute, one reminder for each prompt unanswered after the delay, on the member's next working morning.

import type { CheckinService } from "../core/checkins/create-checkin-service.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

export function createRemindersJob(deps: { checkins: CheckinService }): Job {
  return {
    name: "reminders",
    cron: "* * * * *",
    description: "Remind members once about a check-in they have not answered",
    async run(now) {
      const counts = await deps.checkins.remind(now);
      return {
        summary: `${count(counts.reminded, "reminder")} enqueued, ${counts.waiting} waiting for a working morning`,
        counts: { reminded: counts.reminded },
      };
    },
  };
}
