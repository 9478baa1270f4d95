// Check-ins in Postgres: periods planned with ON CONFLICT DO NOTHING; due prompts and reminders claimed FOR UPDATE
// SKIP LOCKED and, in the same transaction, written to the outbox and marked, so any number of instances send each once.
import { and, asc, eq, gt, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import { type AnswerWindow, DEFAULT_ANSWER_WINDOW } from "../core/calendar/answer-window.ts";
import type { AwayRange } from "../core/calendar/person-calendar.ts";
import type { CheckinAnswer } from "../core/checkins/answers.ts";
import type {
  AnswerOutcome,
  CheckinPlan,
  CheckinStore,
  PlanningPartnership,
  PromptRunCounts,
  PromptState,
} from "../core/checkins/checkin-port.ts";
import type { OutgoingMessage } from "../core/outgoing.ts";
import { CADENCES, type Cadence } from "../core/schedule/periods.ts";
import { questionsInForce } from "./checkin-question-store.ts";
import type { Db } from "./client.ts";
import { enqueueOutgoing } from "./outbox-store.ts";
import { personCalendarRows } from "./person-calendar-rows.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import {
  chatIdentities,
  checkinPrompts,
  checkins,
  outbox,
  partnershipMembers,
  partnerships,
  people,
  programmes,
} from "./schema.ts";

/** Prompts claimed per transaction: small enough to keep locks short, large enough to keep round trips few. */
const BATCH = 1000;

const iso = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** A person's zone: their own setting, else the zone their chat platform last reported, else UTC. */
export const personZone = sql<string>`coalesce(nullif(${people.timezone}, ''), (
  select ci.platform_timezone from ${chatIdentities} ci
  where ci.person_id = ${people.id} and ci.platform_timezone is not null
  order by ci.last_seen_at desc nulls last limit 1), 'UTC')`;

/** The away ranges as the driver returned them (parsed JSON, or its text). */
export function awayRanges(value: unknown): AwayRange[] {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((range: unknown) => {
    const { from, to } = (range ?? {}) as { from?: unknown; to?: unknown };
    return typeof from === "string" && typeof to === "string" ? [{ from, to }] : [];
  });
}

/** A programme's answer window; the default one for a partnership without a programme (left join, nulls). */
export function windowOf(row: {
  answerDays: unknown;
  answerStartHour: number | null;
  answerEndHour: number | null;
}): AnswerWindow {
  const days = Array.isArray(row.answerDays) ? row.answerDays.map(Number) : null;
  if (!days || days.length === 0 || row.answerStartHour === null || row.answerEndHour === null)
    return DEFAULT_ANSWER_WINDOW;
  return { days, startHour: Number(row.answerStartHour), endHour: Number(row.answerEndHour) };
}

const windowColumns = {
  answerDays: programmes.answerDays,
  answerStartHour: programmes.answerStartHour,
  answerEndHour: programmes.answerEndHour,
};

/** What a person's calendar needs from their row; their zone and days away come from personCalendarRows. */
const calendarColumns = {
  timezone: people.timezone,
  country: people.country,
  region: people.region,
};

/** Neither opted out nor paused at `now`. */
export const personAvailable = (now: Date) =>
  sql<boolean>`(not ${people.optedOut} and (${people.pausedUntil} is null or ${people.pausedUntil} <= ${iso(now)}))`;

const isCadence = (value: string): value is Cadence => (CADENCES as readonly string[]).includes(value);

interface PromptUpdate {
  checkinId: string;
  personId: string;
  status: "sent" | "unreachable" | "skipped";
  outboxId: number | null;
}

/** Sets status (and outbox id, sent_at for sent or unreachable) of many prompts in one statement. */
async function applyPromptUpdates(tx: Db, updates: readonly PromptUpdate[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`
    update ${checkinPrompts} as cp
    set status = v.status, outbox_id = coalesce(v.outbox_id, cp.outbox_id),
        sent_at = case when v.status = 'skipped' then cp.sent_at else ${iso(now)} end
    from unnest(
      ${arrayLiteral(updates.map((u) => u.checkinId))}::uuid[],
      ${arrayLiteral(updates.map((u) => u.personId))}::uuid[],
      ${arrayLiteral(updates.map((u) => u.status))}::text[],
      ${arrayLiteral(updates.map((u) => u.outboxId))}::integer[]
    ) as v(checkin_id, person_id, status, outbox_id)
    where cp.checkin_id = v.checkin_id and cp.person_id = v.person_id`);
}

/**
 * Enqueues the messages; for one whose dedupe key was written before (it cannot be in the same claim, but the
 * outbox is the last guard) the existing row is linked instead. Returns each message's outbox id and status.
 */
async function enqueueLinked(tx: Db, messages: readonly OutgoingMessage[], now: Date) {
  const results = await enqueueOutgoing(tx, messages, now);
  return Promise.all(
    results.map(async (result, i) => {
      if (result) return { id: result.id, unreachable: result.status === "unreachable" };
      const key = messages[i]!.dedupeKey ?? "";
      const [existing] = await tx
        .select({ id: outbox.id, status: outbox.status })
        .from(outbox)
        .where(eq(outbox.dedupeKey, key));
      return { id: existing?.id ?? null, unreachable: existing?.status === "unreachable" };
    }),
  );
}

/** A keyset position: claims continue after it, so rows left waiting are not claimed again in the same run. */
interface Cursor {
  at: Date;
  checkinId: string;
  personId: string;
}

const after = (column: SQL | typeof checkinPrompts.dueAt, cursor: Cursor | null) =>
  cursor
    ? sql`(${column}, ${checkinPrompts.checkinId}, ${checkinPrompts.personId}) > (${iso(cursor.at)}, ${cursor.checkinId}::uuid, ${cursor.personId}::uuid)`
    : undefined;

const PLANNING_PAGE = 2000;

/** Each partnership of these rows once, with its programme: for the questions their prompts ask. */
function uniquePartnerships(rows: readonly { partnershipId: string; programmeId: string | null }[]) {
  const seen = new Map<string, string | null>();
  for (const row of rows) seen.set(row.partnershipId, row.programmeId);
  return [...seen].map(([id, programmeId]) => ({ id, programmeId }));
}

type PartnershipRow = Pick<PlanningPartnership, "id" | "weekday" | "localHour" | "startedAt"> & {
  cadence: string;
  answerDays: unknown;
  answerStartHour: number | null;
  answerEndHour: number | null;
};

/** One page of partnerships with their members and the periods planned already. */
async function planningPage(
  db: Db,
  page: readonly PartnershipRow[],
  now: Date,
): Promise<PlanningPartnership[]> {
  const ids = page.map((p) => p.id);
  const members = await db
    .select({
      partnershipId: partnershipMembers.partnershipId,
      personId: people.id,
      available: personAvailable(now),
      ...calendarColumns,
    })
    .from(partnershipMembers)
    .innerJoin(people, eq(people.id, partnershipMembers.personId))
    .where(sql`${partnershipMembers.partnershipId} = any(${arrayLiteral(ids)}::uuid[])`);
  const calendars = await personCalendarRows(db, members, now);
  const planned = await db
    .select({ partnershipId: checkins.partnershipId, periodKey: checkins.periodKey })
    .from(checkins)
    .where(
      and(sql`${checkins.partnershipId} = any(${arrayLiteral(ids)}::uuid[])`, gt(checkins.periodEnd, now)),
    );
  const keys = new Map<string, string[]>();
  for (const row of planned)
    keys.set(row.partnershipId, [...(keys.get(row.partnershipId) ?? []), row.periodKey]);
  const membersOf = new Map<string, PlanningPartnership["members"][number][]>();
  for (const row of members) {
    const list = membersOf.get(row.partnershipId) ?? [];
    list.push({
      personId: row.personId,
      zone: calendars.zone(row),
      available: Boolean(row.available),
      country: row.country,
      region: row.region,
      away: calendars.away(row.personId),
    });
    membersOf.set(row.partnershipId, list);
  }
  return page.flatMap(({ answerDays, answerStartHour, answerEndHour, ...p }) =>
    isCadence(p.cadence)
      ? [
          {
            ...p,
            cadence: p.cadence,
            window: windowOf({ answerDays, answerStartHour, answerEndHour }),
            members: membersOf.get(p.id) ?? [],
            plannedKeys: keys.get(p.id) ?? [],
          },
        ]
      : [],
  );
}

/** `planningPage`: partnerships read per page when planning (default 2,000; tests make it small). */
export function createCheckinStore(db: Db, options: { planningPage?: number } = {}): CheckinStore {
  const pageSize = options.planningPage ?? PLANNING_PAGE;
  return {
    async *partnershipsToPlan(now) {
      let cursor: string | null = null;
      for (;;) {
        const page = await db
          .select({
            id: partnerships.id,
            cadence: partnerships.cadence,
            weekday: partnerships.weekday,
            localHour: partnerships.localHour,
            startedAt: partnerships.startedAt,
            ...windowColumns,
          })
          .from(partnerships)
          .leftJoin(programmes, eq(programmes.id, partnerships.programmeId))
          .where(and(eq(partnerships.status, "active"), cursor ? gt(partnerships.id, cursor) : undefined))
          .orderBy(asc(partnerships.id))
          .limit(pageSize);
        if (page.length === 0) return;
        cursor = page.at(-1)!.id;
        yield await planningPage(db, page, now);
        if (page.length < pageSize) return;
      }
    },

    async savePlans(unordered: readonly CheckinPlan[]) {
      // Every instance inserts in one order, so that two planning the same periods wait rather than deadlock.
      const plans = [...unordered].sort(
        (a, b) => a.partnershipId.localeCompare(b.partnershipId) || a.periodKey.localeCompare(b.periodKey),
      );
      return db.transaction(async (tx) => {
        let created = 0;
        for (let start = 0; start < plans.length; start += 5000) {
          const chunk = plans.slice(start, start + 5000);
          const inserted = rowsOf<{ id: string; partnership_id: string; period_key: string }>(
            await tx.execute(sql`
              insert into ${checkins} (partnership_id, period_key, period_start, period_end)
              select * from unnest(
                ${arrayLiteral(chunk.map((p) => p.partnershipId))}::uuid[],
                ${arrayLiteral(chunk.map((p) => p.periodKey))}::text[],
                ${arrayLiteral(chunk.map((p) => p.periodStart.toISOString()))}::timestamptz[],
                ${arrayLiteral(chunk.map((p) => p.periodEnd.toISOString()))}::timestamptz[])
              on conflict (partnership_id, period_key) do nothing
              returning id, partnership_id, period_key`),
          );
          created += inserted.length;
          const ids = new Map(inserted.map((row) => [`${row.partnership_id} ${row.period_key}`, row.id]));
          const prompts = chunk.flatMap((plan) => {
            const checkinId = ids.get(`${plan.partnershipId} ${plan.periodKey}`);
            return checkinId ? plan.prompts.map((p) => ({ checkinId, ...p })) : [];
          });
          if (prompts.length === 0) continue;
          await tx.execute(sql`
            insert into ${checkinPrompts} (checkin_id, person_id, due_at)
            select * from unnest(
              ${arrayLiteral(prompts.map((p) => p.checkinId))}::uuid[],
              ${arrayLiteral(prompts.map((p) => p.personId))}::uuid[],
              ${arrayLiteral(prompts.map((p) => p.dueAt.toISOString()))}::timestamptz[])
            on conflict do nothing`);
        }
        return created;
      });
    },

    async sendDuePrompts(now, decide) {
      const counts: PromptRunCounts = { sent: 0, late: 0, unreachable: 0, skipped: 0, waiting: 0, moved: 0 };
      let cursor: Cursor | null = null;
      for (;;) {
        const batch = await db.transaction(async (tx) => {
          // Claim the prompts alone (a narrow sort on the due index), then read what deciding needs for them.
          const claimed = await tx
            .select({
              checkinId: checkinPrompts.checkinId,
              personId: checkinPrompts.personId,
              dueAt: checkinPrompts.dueAt,
            })
            .from(checkinPrompts)
            .where(
              and(
                eq(checkinPrompts.status, "pending"),
                lte(checkinPrompts.dueAt, now),
                after(checkinPrompts.dueAt, cursor),
              ),
            )
            .orderBy(asc(checkinPrompts.dueAt), asc(checkinPrompts.checkinId), asc(checkinPrompts.personId))
            .limit(BATCH)
            .for("update", { skipLocked: true });
          const details =
            claimed.length === 0
              ? []
              : await tx
                  .select({
                    checkinId: checkinPrompts.checkinId,
                    personId: checkinPrompts.personId,
                    periodEnd: checkins.periodEnd,
                    partnershipId: partnerships.id,
                    title: partnerships.title,
                    programmeId: partnerships.programmeId,
                    partnershipStatus: partnerships.status,
                    available: personAvailable(now),
                    ...calendarColumns,
                    ...windowColumns,
                  })
                  .from(checkinPrompts)
                  .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
                  .innerJoin(partnerships, eq(partnerships.id, checkins.partnershipId))
                  .innerJoin(people, eq(people.id, checkinPrompts.personId))
                  .leftJoin(programmes, eq(programmes.id, partnerships.programmeId))
                  .where(
                    sql`(${checkinPrompts.checkinId}, ${checkinPrompts.personId}) in (
                      select * from unnest(
                        ${arrayLiteral(claimed.map((c) => c.checkinId))}::uuid[],
                        ${arrayLiteral(claimed.map((c) => c.personId))}::uuid[]))`,
                  );
          const detailOf = new Map(details.map((d) => [`${d.checkinId} ${d.personId}`, d]));
          const questions = await questionsInForce(tx, uniquePartnerships(details));
          const calendars = await personCalendarRows(tx, details, now);
          const rows = claimed.flatMap((c) => {
            const detail = detailOf.get(`${c.checkinId} ${c.personId}`);
            return detail ? [{ ...detail, dueAt: c.dueAt }] : [];
          });
          const found: PromptRunCounts = {
            sent: 0,
            late: 0,
            unreachable: 0,
            skipped: 0,
            waiting: 0,
            moved: 0,
          };
          const moves: { checkinId: string; personId: string; dueAt: Date }[] = [];
          const updates: PromptUpdate[] = [];
          const sends: { row: (typeof rows)[number]; message: OutgoingMessage }[] = [];
          for (const row of rows) {
            const decision = decide({
              ...row,
              zone: calendars.zone(row),
              available: Boolean(row.available),
              away: calendars.away(row.personId),
              window: windowOf(row),
              question: questions.get(row.partnershipId) ?? null,
            });
            if (decision.kind === "wait") found.waiting++;
            else if (decision.kind === "move") {
              found.moved++;
              moves.push({ checkinId: row.checkinId, personId: row.personId, dueAt: decision.dueAt });
            } else if (decision.kind === "skip") {
              found.skipped++;
              updates.push({
                checkinId: row.checkinId,
                personId: row.personId,
                status: "skipped",
                outboxId: null,
              });
            } else {
              if (decision.late) found.late++;
              sends.push({ row, message: decision.message });
            }
          }
          const linked = await enqueueLinked(
            tx,
            sends.map((s) => s.message),
            now,
          );
          sends.forEach(({ row }, i) => {
            const { id, unreachable } = linked[i]!;
            if (unreachable) found.unreachable++;
            else found.sent++;
            updates.push({
              checkinId: row.checkinId,
              personId: row.personId,
              status: unreachable ? "unreachable" : "sent",
              outboxId: id,
            });
          });
          await applyPromptUpdates(tx, updates, now);
          if (moves.length > 0)
            await tx.execute(sql`
              update ${checkinPrompts} as cp set due_at = v.due_at
              from unnest(
                ${arrayLiteral(moves.map((m) => m.checkinId))}::uuid[],
                ${arrayLiteral(moves.map((m) => m.personId))}::uuid[],
                ${arrayLiteral(moves.map((m) => m.dueAt.toISOString()))}::timestamptz[]
              ) as v(checkin_id, person_id, due_at)
              where cp.checkin_id = v.checkin_id and cp.person_id = v.person_id and cp.status = 'pending'`);
          const last = claimed.at(-1);
          return { found, size: claimed.length, last };
        });
        for (const key of Object.keys(counts) as (keyof PromptRunCounts)[]) counts[key] += batch.found[key];
        if (batch.size < BATCH || !batch.last) return counts;
        cursor = { at: batch.last.dueAt, checkinId: batch.last.checkinId, personId: batch.last.personId };
      }
    },

    async sendDueReminders(now, sentBefore, decide) {
      let reminded = 0;
      let waiting = 0;
      let cursor: Cursor | null = null;
      for (;;) {
        const batch = await db.transaction(async (tx) => {
          const rows = await tx
            .select({
              checkinId: checkinPrompts.checkinId,
              personId: checkinPrompts.personId,
              sentAt: checkinPrompts.sentAt,
              periodEnd: checkins.periodEnd,
              partnershipId: partnerships.id,
              title: partnerships.title,
              programmeId: partnerships.programmeId,
              ...calendarColumns,
              ...windowColumns,
            })
            .from(checkinPrompts)
            .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
            .innerJoin(partnerships, eq(partnerships.id, checkins.partnershipId))
            .innerJoin(people, eq(people.id, checkinPrompts.personId))
            .leftJoin(programmes, eq(programmes.id, partnerships.programmeId))
            // Only prompts that reached the person: a failed delivery is not followed by a reminder.
            .innerJoin(outbox, and(eq(outbox.id, checkinPrompts.outboxId), eq(outbox.status, "sent")))
            .where(
              and(
                eq(checkinPrompts.status, "sent"),
                isNull(checkinPrompts.answer),
                isNull(checkinPrompts.remindedAt),
                isNotNull(checkinPrompts.sentAt),
                lte(checkinPrompts.sentAt, sentBefore),
                gt(checkins.periodEnd, now),
                eq(partnerships.status, "active"),
                personAvailable(now),
                after(sql`${checkinPrompts.sentAt}`, cursor),
              ),
            )
            .orderBy(asc(checkinPrompts.sentAt), asc(checkinPrompts.checkinId), asc(checkinPrompts.personId))
            .limit(BATCH)
            .for("update", { of: checkinPrompts, skipLocked: true });
          const due: { checkinId: string; personId: string; message: OutgoingMessage }[] = [];
          let waited = 0;
          const questions = await questionsInForce(tx, uniquePartnerships(rows));
          const calendars = await personCalendarRows(tx, rows, now);
          for (const row of rows) {
            const question = questions.get(row.partnershipId) ?? null;
            const decision = decide({
              ...row,
              sentAt: row.sentAt!,
              zone: calendars.zone(row),
              away: calendars.away(row.personId),
              window: windowOf(row),
              question,
            });
            if (decision.kind === "wait") waited++;
            else due.push({ checkinId: row.checkinId, personId: row.personId, message: decision.message });
          }
          if (due.length > 0) {
            await enqueueOutgoing(
              tx,
              due.map((d) => d.message),
              now,
            );
            await tx.execute(sql`
              update ${checkinPrompts} as cp set reminded_at = ${iso(now)}
              from unnest(
                ${arrayLiteral(due.map((d) => d.checkinId))}::uuid[],
                ${arrayLiteral(due.map((d) => d.personId))}::uuid[]) as v(checkin_id, person_id)
              where cp.checkin_id = v.checkin_id and cp.person_id = v.person_id`);
          }
          const last = rows.at(-1);
          return { reminded: due.length, waited, size: rows.length, last };
        });
        reminded += batch.reminded;
        waiting += batch.waited;
        if (batch.size < BATCH || !batch.last) return { reminded, waiting };
        cursor = { at: batch.last.sentAt!, checkinId: batch.last.checkinId, personId: batch.last.personId };
      }
    },

    async recordAnswer({ checkinId, personId, answer, choice, note, at }) {
      const updated = rowsOf<{ title: string }>(
        await db.execute(sql`
          update ${checkinPrompts} as cp
          set status = 'answered', answer = ${answer}, note = ${note}, answered_at = ${iso(at)},
              choice = ${choice?.label ?? null}, question_id = ${choice?.questionId ?? null}
          from ${checkins} c join ${partnerships} pa on pa.id = c.partnership_id
          where c.id = cp.checkin_id and cp.checkin_id = ${checkinId}::uuid and cp.person_id = ${personId}::uuid
            and cp.answer is null and c.period_end > ${iso(at)}
          returning pa.title`),
      );
      if (updated[0])
        return { kind: "recorded", title: updated[0].title, answer, choice: choice?.label ?? null };
      return standing(db, checkinId, personId, at);
    },

    promptState: ({ checkinId, personId, at }) => promptStateOf(db, checkinId, personId, at),

    async saveNote({ checkinId, personId, note, at }) {
      const updated = rowsOf<{ one: number }>(
        await db.execute(sql`
          update ${checkinPrompts} as cp set note = ${note}
          from ${checkins} c
          where c.id = cp.checkin_id and cp.checkin_id = ${checkinId}::uuid and cp.person_id = ${personId}::uuid
            and cp.answer is not null and c.period_end > ${iso(at)}
          returning 1 as one`),
      );
      if (updated.length > 0) return "saved";
      const [row] = await db
        .select({ answer: checkinPrompts.answer, periodEnd: checkins.periodEnd })
        .from(checkinPrompts)
        .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
        .where(and(eq(checkinPrompts.checkinId, checkinId), eq(checkinPrompts.personId, personId)));
      if (!row) return "unknown";
      return row.answer === null && row.periodEnd.getTime() > at.getTime() ? "unanswered" : "closed";
    },
  };
}

/** Where a member's prompt stands now: answered (and with a note), open until its period ends, closed, or none. */
async function promptStateOf(db: Db, checkinId: string, personId: string, at: Date): Promise<PromptState> {
  const [row] = await db
    .select({
      answer: checkinPrompts.answer,
      note: checkinPrompts.note,
      choice: checkinPrompts.choice,
      title: partnerships.title,
      programmeId: partnerships.programmeId,
      periodEnd: checkins.periodEnd,
      zone: personZone,
    })
    .from(checkinPrompts)
    .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
    .innerJoin(partnerships, eq(partnerships.id, checkins.partnershipId))
    .innerJoin(people, eq(people.id, checkinPrompts.personId))
    .where(and(eq(checkinPrompts.checkinId, checkinId), eq(checkinPrompts.personId, personId)));
  if (!row) return { kind: "unknown" };
  if (row.answer) {
    return {
      kind: "answered",
      title: row.title,
      answer: row.answer as CheckinAnswer,
      withNote: Boolean(row.note),
      choice: row.choice,
    };
  }
  if (row.periodEnd.getTime() <= at.getTime()) return { kind: "closed", title: row.title };
  return {
    kind: "open",
    title: row.title,
    periodEnd: row.periodEnd,
    zone: row.zone,
    programmeId: row.programmeId,
  };
}

/** What stands for a prompt that could not be answered now: answered already, closed, or no such prompt. */
async function standing(db: Db, checkinId: string, personId: string, at: Date): Promise<AnswerOutcome> {
  const state = await promptStateOf(db, checkinId, personId, at);
  if (state.kind === "answered")
    return { kind: "already", title: state.title, answer: state.answer, choice: state.choice };
  return state.kind === "unknown" ? state : { kind: "closed", title: state.title };
}
