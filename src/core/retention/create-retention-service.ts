// Retention as the daily job runs it: free-text notes older than the retention period are cleared, old Slack event ids forgotten.
import type { RetentionCounts, RetentionPort } from "./retention-port.ts";

const DAY_MS = 86_400_000;
/** Slack retries a delivery for about an hour; a week of event ids is plenty to recognise a retry. */
const SLACK_EVENT_DAYS = 7;

export interface RetentionService {
  readonly retentionDays: number;
  run(now: Date): Promise<RetentionCounts & { slackEventIds: number }>;
}

export function createRetentionService(deps: {
  store: RetentionPort;
  retentionDays: number;
}): RetentionService {
  const { store, retentionDays } = deps;
  return {
    retentionDays,
    async run(now) {
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
      const counts = await store.clearOldNotes(cutoff, retentionDays);
      const slackEventIds = await store.pruneSlackEvents(new Date(now.getTime() - SLACK_EVENT_DAYS * DAY_MS));
      return { ...counts, slackEventIds };
    },
  };
}
