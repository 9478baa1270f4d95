// Days away read from chat statuses in Postgres: who is due a prompt or reminder and where to ask, and the
// person_away rows (source chat-status) that a status becomes, replaced each time it is read again.
import { and, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { StatusAwayStore } from "../core/away/status-away.ts";
import type { Platform } from "../core/message.ts";
import { TEXT_LIMITS } from "../core/text-limits.ts";
import { personZone } from "./checkin-store.ts";
import type { Db } from "./client.ts";
import { chatIdentities, checkinPrompts, checkins, people, personAway } from "./schema.ts";

const SOURCE = "chat-status";

export function createStatusAwayStore(db: Db): StatusAwayStore {
  return {
    async candidates({ now, platforms, sentBefore }) {
      const due = sentBefore
        ? and(
            eq(checkinPrompts.status, "sent"),
            isNull(checkinPrompts.answeredAt),
            isNull(checkinPrompts.remindedAt),
            lte(checkinPrompts.sentAt, sentBefore),
            sql`${checkins.periodEnd} > ${now.toISOString()}::timestamptz`,
          )
        : and(eq(checkinPrompts.status, "pending"), lte(checkinPrompts.dueAt, now));
      const rows = await db
        .selectDistinct({
          personId: people.id,
          zone: personZone,
          platform: chatIdentities.platform,
          tenantId: chatIdentities.tenantId,
          userId: chatIdentities.userId,
        })
        .from(checkinPrompts)
        .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
        .innerJoin(people, eq(people.id, checkinPrompts.personId))
        .innerJoin(chatIdentities, eq(chatIdentities.personId, people.id))
        .where(
          and(due, inArray(chatIdentities.platform, [...platforms]), isNull(chatIdentities.appRemovedAt)),
        );
      return rows.map((r) => ({
        personId: r.personId,
        zone: r.zone,
        address: { platform: r.platform as Platform, tenantId: r.tenantId, userId: r.userId },
      }));
    },

    async markAway(personId, range) {
      await db.transaction(async (tx) => {
        await tx
          .delete(personAway)
          .where(
            and(
              eq(personAway.personId, personId),
              eq(personAway.source, SOURCE),
              gte(personAway.toDate, range.from),
            ),
          );
        await tx.insert(personAway).values({
          personId,
          fromDate: range.from,
          toDate: range.to,
          reason: range.reason.slice(0, TEXT_LIMITS.awayReason) || null,
          source: SOURCE,
        });
      });
    },
  };
}
