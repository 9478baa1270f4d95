// What the retention service needs from storage; src/db/retention-store.ts implements it.

export interface RetentionCounts {
  checkinNotes: number;
  meetingNotes: number;
}

export interface RetentionPort {
  /** Clears check-in and meeting notes written before `cutoff` and audits the counts, in one transaction. */
  clearOldNotes(cutoff: Date, retentionDays: number): Promise<RetentionCounts>;
  /** Forgets the ids of Slack events received before `before`; returns how many. */
  pruneSlackEvents(before: Date): Promise<number>;
}
