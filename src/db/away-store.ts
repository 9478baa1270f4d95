// Days away (`/collab away`) in Postgres: one row per range, on the person's own calendar.
import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { AwayStore } from "../core/away/away-port.ts";
import { todayIn } from "../core/local-date.ts";
import { personZone } from "./checkin-store.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";
import { people, personAway } from "./schema.ts";

export function createAwayStore(db: Db): AwayStore {
  return {
    async awayOf(personId, now) {
      const [person] = await db.select({ zone: personZone }).from(people).where(eq(people.id, personId));
      const zone = person?.zone ?? "UTC";
      const entries = await db
        .select({ from: personAway.fromDate, to: personAway.toDate, reason: personAway.reason })
        .from(personAway)
        .where(and(eq(personAway.personId, personId), gte(personAway.toDate, todayIn(now, zone))))
        .orderBy(asc(personAway.fromDate));
      return { zone, entries };
    },

    async add(personId, entry) {
      await db.insert(personAway).values({
        personId,
        fromDate: entry.from,
        toDate: entry.to,
        reason: entry.reason,
        source: "command",
      });
    },

    async clear(personId, today) {
      // Days already past stay as they were: the digest still knows the partnership was away then.
      const result = await db.execute(sql`
        with gone as (
          delete from ${personAway} where person_id = ${personId}::uuid and from_date > ${today}::date
          returning 1),
        cut as (
          update ${personAway} set to_date = (${today}::date - 1)
          where person_id = ${personId}::uuid and from_date <= ${today}::date and to_date >= ${today}::date
            and from_date < ${today}::date
          returning 1),
        today_only as (
          delete from ${personAway}
          where person_id = ${personId}::uuid and from_date = ${today}::date
          returning 1)
        select (select count(*) from gone) + (select count(*) from cut) + (select count(*) from today_only) as n`);
      return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
    },
  };
}
