// The slack_events table as an EventLedger: the first insert of an event_id wins, retries find it there.
import { lt } from "drizzle-orm";
import type { AuditTrail, EventLedger } from "../core/platform-events.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { slackEvents } from "./schema.ts";

export function createSlackEventLedger(db: Db): EventLedger {
  return {
    async firstSeen(eventId, at) {
      const inserted = await db
        .insert(slackEvents)
        .values({ eventId, receivedAt: at })
        .onConflictDoNothing()
        .returning({ eventId: slackEvents.eventId });
      return inserted.length > 0;
    },
  };
}

/** Slack stops retrying a delivery within the hour; ids older than `before` are no longer needed. */
export async function pruneSlackEvents(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(slackEvents)
    .where(lt(slackEvents.receivedAt, before))
    .returning({ eventId: slackEvents.eventId });
  return deleted.length;
}

export function createAuditTrail(db: Db): AuditTrail {
  return { record: (entry) => recordAudit(db, entry) };
}
