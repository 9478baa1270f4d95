// The zones and days away of many people in two queries, for the check-in jobs. As correlated subqueries on every
// row they made PostgreSQL estimate a 2,000-partnership page above its JIT threshold, and it spent a second
// compiling a query that runs in a fifth of that (bench:fanout).
import { sql } from "drizzle-orm";
import type { AwayRange } from "../core/calendar/person-calendar.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import { chatIdentities, personAway } from "./schema.ts";

export interface PersonCalendarRows {
  /** As personZone: their own setting, else the zone their chat platform last reported, else UTC. */
  zone(person: { personId: string; timezone: string | null }): string;
  /** The days away that end no earlier than yesterday (UTC), in order. */
  away(personId: string): AwayRange[];
}

export async function personCalendarRows(
  db: Db,
  people: readonly { personId: string; timezone: string | null }[],
  now: Date,
): Promise<PersonCalendarRows> {
  const ids = [...new Set(people.map((p) => p.personId))];
  const withoutZone = [...new Set(people.filter((p) => !p.timezone).map((p) => p.personId))];
  const platformZones = new Map<string, string>();
  if (withoutZone.length > 0) {
    const rows = rowsOf<{ person_id: string; platform_timezone: string }>(
      await db.execute(sql`
        select distinct on (ci.person_id) ci.person_id, ci.platform_timezone
        from ${chatIdentities} ci
        where ci.person_id = any(${arrayLiteral(withoutZone)}::uuid[]) and ci.platform_timezone is not null
        order by ci.person_id, ci.last_seen_at desc nulls last`),
    );
    for (const row of rows) platformZones.set(row.person_id, row.platform_timezone);
  }
  const away = new Map<string, AwayRange[]>();
  if (ids.length > 0) {
    const rows = rowsOf<{ person_id: string; from: string; to: string }>(
      await db.execute(sql`
        select a.person_id, a.from_date::text as "from", a.to_date::text as "to"
        from ${personAway} a
        where a.person_id = any(${arrayLiteral(ids)}::uuid[])
          and a.to_date >= (${now.toISOString()}::timestamptz)::date - 1
        order by a.person_id, a.from_date`),
    );
    for (const row of rows) {
      const list = away.get(row.person_id) ?? [];
      list.push({ from: row.from, to: row.to });
      away.set(row.person_id, list);
    }
  }
  return {
    zone: ({ personId, timezone }) => timezone || platformZones.get(personId) || "UTC",
    away: (personId) => away.get(personId) ?? [],
  };
}
