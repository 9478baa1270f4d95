// Clears free-text notes older than the retention period (check-in notes, mentor meeting next steps): the core's RetentionPort.
import { and, isNotNull, lt, sql } from "drizzle-orm";
import type { RetentionCounts, RetentionPort } from "../core/retention/retention-port.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { checkinPrompts, mentorMeetings } from "./schema.ts";
import { pruneSlackEvents } from "./slack-event-ledger.ts";

/**
 * Sets to null every check-in note written (answered, or else due) before `cutoff` and every meeting note logged
 * before it, and records one audit row with the counts, all in one transaction.
 */
export async function clearOldNotes(db: Db, cutoff: Date, retentionDays: number): Promise<RetentionCounts> {
  return db.transaction(async (tx) => {
    const prompts = await tx
      .update(checkinPrompts)
      .set({ note: null })
      .where(
        and(
          isNotNull(checkinPrompts.note),
          sql`coalesce(${checkinPrompts.answeredAt}, ${checkinPrompts.dueAt}) < ${cutoff.toISOString()}::timestamptz`,
        ),
      )
      .returning({ checkinId: checkinPrompts.checkinId });
    const meetings = await tx
      .update(mentorMeetings)
      .set({ nextStep: null })
      .where(and(isNotNull(mentorMeetings.nextStep), lt(mentorMeetings.createdAt, cutoff)))
      .returning({ id: mentorMeetings.id });
    const counts = { checkinNotes: prompts.length, meetingNotes: meetings.length };
    await recordAudit(tx, {
      actor: "system",
      platform: "system",
      action: "retention.clear",
      details: { ...counts, retentionDays, cutoff: cutoff.toISOString() },
    });
    return counts;
  });
}

export function createRetentionStore(db: Db): RetentionPort {
  return {
    clearOldNotes: (cutoff, retentionDays) => clearOldNotes(db, cutoff, retentionDays),
    pruneSlackEvents: (before) => pruneSlackEvents(db, before),
  };
}
