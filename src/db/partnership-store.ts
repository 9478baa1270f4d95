// Partnerships in Postgres: lists with the viewer's prompts, cadence changes by members, status changes by coordinators.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type {
  PartnershipStatus,
  PartnershipStore,
  PartnershipView,
} from "../core/partnerships/partnership-port.ts";
import {
  checkPartnershipReferences,
  type PartnershipImportRow,
} from "../core/partnerships/partnerships-csv.ts";
import { CADENCES, type Cadence } from "../core/schedule/periods.ts";
import { recordAudit } from "./audit.ts";
import { awayRanges, personZone, windowOf } from "./checkin-store.ts";
import type { Db } from "./client.ts";
import {
  checkinPrompts,
  checkins,
  partnershipMembers,
  partnerships,
  people,
  personAway,
  programmeMembers,
  programmes,
} from "./schema.ts";

const isMember = (personId: string) =>
  sql<boolean>`exists (select 1 from ${partnershipMembers} m
    where m.partnership_id = ${partnerships.id} and m.person_id = ${personId}::uuid)`;

const coordinates = (personId: string) =>
  sql<boolean>`exists (select 1 from ${programmeMembers} pm
    where pm.programme_id = ${partnerships.programmeId} and pm.person_id = ${personId}::uuid
      and pm.role = 'coordinator')`;

const asCadence = (value: string): Cadence => CADENCES.find((c) => c === value) ?? "fortnightly";
const asStatus = (value: string): PartnershipStatus =>
  value === "paused" || value === "ended" ? value : "active";

async function views(
  db: Db,
  personId: string,
  now: Date,
  where: ReturnType<typeof sql>,
): Promise<PartnershipView[]> {
  const rows = await db
    .select({
      id: partnerships.id,
      title: partnerships.title,
      programme: programmes.name,
      programmeId: partnerships.programmeId,
      status: partnerships.status,
      cadence: partnerships.cadence,
      weekday: partnerships.weekday,
      localHour: partnerships.localHour,
      startedAt: partnerships.startedAt,
      answerDays: programmes.answerDays,
      answerStartHour: programmes.answerStartHour,
      answerEndHour: programmes.answerEndHour,
      isMember: isMember(personId),
      coordinates: coordinates(personId),
    })
    .from(partnerships)
    .leftJoin(programmes, eq(programmes.id, partnerships.programmeId))
    .where(where)
    .orderBy(asc(partnerships.title), asc(partnerships.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [viewer] = await db
    .select({
      country: people.country,
      region: people.region,
      away: sql<unknown>`coalesce((
        select json_agg(json_build_object('from', a.from_date::text, 'to', a.to_date::text) order by a.from_date)
        from ${personAway} a
        where a.person_id = ${personId}::uuid and a.to_date >= (${now.toISOString()}::timestamptz)::date - 1),
        '[]'::json)`,
    })
    .from(people)
    .where(eq(people.id, personId));
  const myCalendar = {
    country: viewer?.country ?? null,
    region: viewer?.region ?? null,
    away: awayRanges(viewer?.away),
  };
  const [members, planned, mine] = [
    await db
      .select({
        partnershipId: partnershipMembers.partnershipId,
        personId: people.id,
        name: people.name,
        zone: personZone,
        // The last day of the days away that cover today in the member's zone; never the reason.
        awayUntil: sql<string | null>`(
          select max(a.to_date)::text from ${personAway} a
          where a.person_id = ${people.id}
            and a.from_date <= (${now.toISOString()}::timestamptz at time zone ${personZone})::date
            and a.to_date >= (${now.toISOString()}::timestamptz at time zone ${personZone})::date)`,
      })
      .from(partnershipMembers)
      .innerJoin(people, eq(people.id, partnershipMembers.personId))
      .where(inArray(partnershipMembers.partnershipId, ids))
      .orderBy(asc(people.name)),
    await db
      .select({ partnershipId: checkins.partnershipId, periodKey: checkins.periodKey })
      .from(checkins)
      .where(and(inArray(checkins.partnershipId, ids), gt(checkins.periodEnd, now))),
    await db
      .select({
        partnershipId: checkins.partnershipId,
        periodKey: checkins.periodKey,
        status: checkinPrompts.status,
        dueAt: checkinPrompts.dueAt,
      })
      .from(checkinPrompts)
      .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
      .where(
        and(
          eq(checkinPrompts.personId, personId),
          inArray(checkins.partnershipId, ids),
          gt(checkins.periodEnd, now),
        ),
      ),
  ];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    programme: row.programme,
    programmeId: row.programmeId,
    status: asStatus(row.status),
    cadence: asCadence(row.cadence),
    weekday: row.weekday,
    localHour: row.localHour,
    startedAt: row.startedAt,
    isMember: Boolean(row.isMember),
    coordinates: Boolean(row.coordinates),
    members: members.filter((m) => m.partnershipId === row.id),
    plannedKeys: planned.filter((p) => p.partnershipId === row.id).map((p) => p.periodKey),
    myPrompts: mine.filter((p) => p.partnershipId === row.id),
    window: windowOf(row),
    myCalendar,
  }));
}

export function createPartnershipStore(db: Db): PartnershipStore {
  return {
    async listFor(personId, now) {
      const [person] = await db.select({ zone: personZone }).from(people).where(eq(people.id, personId));
      const partnershipsOf = await views(
        db,
        personId,
        now,
        sql`${partnerships.status} <> 'ended' and (${isMember(personId)} or ${coordinates(personId)})`,
      );
      return { zone: person?.zone ?? "UTC", partnerships: partnershipsOf };
    },

    async viewOf(partnershipId, personId, now) {
      const [view] = await views(db, personId, now, sql`${partnerships.id} = ${partnershipId}::uuid`);
      return view ?? null;
    },

    async changeCadence({ partnershipId, personId, platform, cadence, closePeriod, now }) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({
            status: partnerships.status,
            cadence: partnerships.cadence,
            isMember: isMember(personId),
          })
          .from(partnerships)
          .where(eq(partnerships.id, partnershipId))
          .for("update");
        if (!row) return "unknown";
        if (!row.isMember) return "not-member";
        if (row.status === "ended") return "ended";
        if (row.cadence === cadence) return "unchanged";
        await tx.update(partnerships).set({ cadence }).where(eq(partnerships.id, partnershipId));
        // Check-ins planned but not sent to anyone belong to the old rhythm: drop them.
        await tx.execute(sql`
          delete from ${checkins} c
          where c.partnership_id = ${partnershipId}::uuid and c.period_end > ${now.toISOString()}::timestamptz
            and not exists (select 1 from ${checkinPrompts} cp where cp.checkin_id = c.id and cp.status <> 'pending')`);
        if (closePeriod) {
          await tx
            .insert(checkins)
            .values({
              partnershipId,
              periodKey: closePeriod.key,
              periodStart: closePeriod.start,
              periodEnd: closePeriod.end,
            })
            .onConflictDoNothing();
        }
        await recordAudit(tx, {
          actor: personId,
          platform,
          action: "partnership.cadence",
          subject: partnershipId,
          details: { from: row.cadence, to: cadence },
        });
        return "changed";
      });
    },

    async setStatus({ partnershipId, personId, platform, status, now }) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ status: partnerships.status, coordinates: coordinates(personId) })
          .from(partnerships)
          .where(eq(partnerships.id, partnershipId))
          .for("update");
        if (!row) return "unknown";
        if (!row.coordinates) return "not-coordinator";
        if (row.status === "ended") return "ended";
        if (row.status === status) return "unchanged";
        await tx
          .update(partnerships)
          .set({ status, ...(status === "ended" ? { endedAt: now } : {}) })
          .where(eq(partnerships.id, partnershipId));
        const verb = { active: "resume", paused: "pause", ended: "end" }[status];
        await recordAudit(tx, {
          actor: personId,
          platform,
          action: `partnership.${verb}`,
          subject: partnershipId,
          details: { from: row.status },
        });
        return "changed";
      });
    },
  };
}

export type ImportPartnershipsResult =
  | { ok: true; created: number; updated: number }
  | { ok: false; errors: string[] };

/**
 * Creates or updates partnerships keyed by programme and title, in one transaction; members become exactly
 * those listed. When a row names an unknown person or programme, nothing is written and every such row is named.
 */
export async function importPartnerships(
  db: Db,
  fileName: string,
  rows: readonly PartnershipImportRow[],
  now: Date,
): Promise<ImportPartnershipsResult> {
  return db.transaction(async (tx) => {
    const emails = [...new Set(rows.flatMap((r) => r.memberEmails))];
    const found = emails.length
      ? await tx
          .select({ id: people.id, email: people.email })
          .from(people)
          .where(inArray(sql`lower(${people.email})`, emails))
      : [];
    const personOf = new Map(found.map((p) => [p.email.toLowerCase(), p.id]));
    const names = [...new Set(rows.map((r) => r.programme.toLowerCase()))];
    const programmeRows = await tx
      .select({ id: programmes.id, name: programmes.name })
      .from(programmes)
      .where(inArray(sql`lower(${programmes.name})`, names));
    const programmeOf = new Map(programmeRows.map((p) => [p.name.toLowerCase(), p.id]));
    const errors = checkPartnershipReferences(fileName, rows, {
      emails: new Set(personOf.keys()),
      programmes: new Set(programmeOf.keys()),
    });
    if (errors.length > 0) return { ok: false, errors };

    let created = 0;
    let updated = 0;
    for (const row of rows) {
      const programmeId = programmeOf.get(row.programme.toLowerCase())!;
      const [existing] = await tx
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(
          and(
            eq(partnerships.programmeId, programmeId),
            sql`lower(${partnerships.title}) = ${row.title.toLowerCase()}`,
            sql`${partnerships.status} <> 'ended'`,
          ),
        )
        .limit(1);
      const schedule = {
        cadence: row.cadence,
        ...(row.weekday !== undefined ? { weekday: row.weekday } : {}),
        ...(row.localHour !== undefined ? { localHour: row.localHour } : {}),
      };
      let partnershipId: string;
      if (existing) {
        partnershipId = existing.id;
        await tx
          .update(partnerships)
          .set({ title: row.title, ...schedule })
          .where(eq(partnerships.id, partnershipId));
        updated++;
      } else {
        const [inserted] = await tx
          .insert(partnerships)
          .values({ title: row.title, programmeId, status: "active", startedAt: now, ...schedule })
          .returning({ id: partnerships.id });
        partnershipId = inserted!.id;
        created++;
      }
      const memberIds = row.memberEmails.map((email) => personOf.get(email)!);
      await tx.delete(partnershipMembers).where(
        and(
          eq(partnershipMembers.partnershipId, partnershipId),
          sql`${partnershipMembers.personId} not in (${sql.join(
            memberIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        ),
      );
      await tx
        .insert(partnershipMembers)
        .values(memberIds.map((personId) => ({ partnershipId, personId, joinedAt: now })))
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      actor: "cli",
      platform: "cli",
      action: "partnerships.import",
      details: { created, updated },
    });
    return { ok: true, created, updated };
  });
}
