// The daily retention job: check-in and mentor meeting notes older than RETENTION_DAYS are cleared.
import type { Db } from "../db/client.ts";
import { clearOldNotes } from "../db/retention-store.ts";
import { pruneSlackEvents } from "../db/slack-event-ledger.ts";
import type { Job } from "./job.ts";

const DAY_MS = 86_400_000;

export function createRetentionJob(deps: { db: Db; retentionDays: number }): Job {
  return {
    name: "retention",
    // Once a day, at a quiet hour (UTC); the job is idempotent, so a missed day is caught up by the next.
    cron: "41 2 * * *",
    description: `clears check-in and meeting notes older than ${deps.retentionDays} days`,
    async run(now) {
      const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
      const counts = await clearOldNotes(deps.db, cutoff, deps.retentionDays);
      // Slack retries a delivery for about an hour; a week of event ids is plenty to recognise a retry.
      const slackEventIds = await pruneSlackEvents(deps.db, new Date(now.getTime() - 7 * DAY_MS));
      return {
        summary: `${counts.checkinNotes} check-in notes and ${counts.meetingNotes} meeting notes older than ${deps.retentionDays} days cleared`,
        counts: { ...counts, slackEventIds },
      };
    },
  };
}
