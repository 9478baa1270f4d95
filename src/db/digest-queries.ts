// Reads one programme's digest snapshot for a period straight from the schema (check-ins, intros, milestones, outbox…).
import { sql } from "drizzle-orm";
import {
  chartSpans,
  type DigestSnapshot,
  type RiskReason,
  type Span,
} from "../core/digest/digest-snapshot.ts";
import { NO_IDENTITY, NO_TEAMS_CONVERSATION, TEAMS_APP_REMOVED } from "../core/digest/reach-advice.ts";
import { todayIn } from "../core/local-date.ts";
import type { Db } from "./client.ts";
import { createPeopleDirectory } from "./people-directory.ts";
import { rowsOf } from "./rows.ts";

export interface SnapshotInput {
  programme: { id: string; name: string };
  period: Span;
  now: Date;
  timezone: string;
}

const iso = (at: Date) => at.toISOString();
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const toDay = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value).slice(0, 10);

interface MilestoneRow {
  id: string;
  title: string;
  partnership_title: string;
  due_on: unknown;
}

const RISK_ORDER: Record<RiskReason, number> = { blocked: 0, needs_attention: 1, quiet: 2 };

/** The people a programme reaches: its members and coordinators, and the members of its partnerships. */
const membersOf = (programmeId: string) => sql`
  select pm.person_id from programme_members pm where pm.programme_id = ${programmeId}
  union
  select m.person_id from partnership_members m
  join partnerships p on p.id = m.partnership_id
  where p.programme_id = ${programmeId}`;

/**
 * Prompts sent per chart period (bucket 0 the oldest) and how many were answered by the end of the period. A prompt
 * that never reached its member (unreachable, skipped, or its delivery failed for good) is not counted: the digest
 * lists that member under "Members I cannot reach" instead.
 */
export function rateQuery(programmeId: string, period: Span) {
  const start = chartSpans(period)[0]!.since;
  const length = (period.until.getTime() - period.since.getTime()) / 1000;
  return sql`
    select floor(extract(epoch from (cp.sent_at - ${iso(start)}::timestamptz))::float8 / ${length}::float8)::int as bucket,
      count(*)::int as sent,
      count(*) filter (
        where cp.status = 'answered' and (cp.answered_at is null or cp.answered_at < ${iso(period.until)}::timestamptz)
      )::int as answered
    from partnerships p
    join checkins c on c.partnership_id = p.id
    join checkin_prompts cp on cp.checkin_id = c.id
    where p.programme_id = ${programmeId} and cp.status not in ('pending', 'unreachable', 'skipped')
      and cp.sent_at >= ${iso(start)}::timestamptz and cp.sent_at < ${iso(period.until)}::timestamptz
      and not exists (
        select 1 from outbox o where o.id = cp.outbox_id and o.status in ('failed', 'unreachable')
      )
    group by 1`;
}

export async function rateRows(db: Db, programmeId: string, period: Span) {
  const spans = chartSpans(period);
  const result = await db.execute(rateQuery(programmeId, period));
  const byBucket = new Map(
    rowsOf<{ bucket: number; sent: number; answered: number }>(result).map((r) => [Number(r.bucket), r]),
  );
  return spans.map((span, i) => ({
    ...span,
    sent: Number(byBucket.get(i)?.sent ?? 0),
    answered: Number(byBucket.get(i)?.answered ?? 0),
  }));
}

/** Each active partnership with the most severe answer (and its note) of its latest answered check-in. */
export function latestAnswerQuery(programmeId: string, until: Date) {
  const end = iso(until);
  return sql`
    select p.id, p.title, last.answer, last.note
    from partnerships p
    left join lateral (
      select cp.answer, cp.note
      from checkins c join checkin_prompts cp on cp.checkin_id = c.id
      where c.partnership_id = p.id and cp.status = 'answered'
        and (cp.answered_at is null or cp.answered_at < ${end}::timestamptz)
      order by c.period_start desc,
        case cp.answer when 'blocked' then 0 when 'needs_attention' then 1 else 2 end,
        cp.answered_at desc nulls last
      limit 1
    ) last on true
    where p.programme_id = ${programmeId} and p.status = 'active'`;
}

/**
 * Each active partnership's last two check-ins with a prompt sent, and how many of them went unanswered; a
 * check-in whose period every member spent (partly) away is left out, so leave never reads as going quiet.
 * Both queries walk one partnership's check-ins newest first (checkins_partnership_start) and stop early.
 */
export function recentCheckinsQuery(programmeId: string, until: Date) {
  const end = iso(until);
  return sql`
    select p.id, recent.sent, recent.unanswered
    from partnerships p
    cross join lateral (
      select count(*)::int as sent, count(*) filter (where not x.answered)::int as unanswered
      from (
        select exists (
          select 1 from checkin_prompts a where a.checkin_id = c.id and a.status = 'answered'
            and (a.answered_at is null or a.answered_at < ${end}::timestamptz)
        ) as answered
        from checkins c
        where c.partnership_id = p.id
          and exists (
            select 1 from checkin_prompts s
            where s.checkin_id = c.id and s.sent_at < ${end}::timestamptz
              and s.status not in ('pending', 'unreachable', 'skipped')
          )
          -- A period in which every member was away (leave, on call) is nobody's silence: it is not counted.
          and exists (
            select 1 from partnership_members m
            where m.partnership_id = p.id and not exists (
              select 1 from person_away a
              where a.person_id = m.person_id
                and a.from_date < (c.period_end at time zone 'UTC')::date
                and a.to_date >= (c.period_start at time zone 'UTC')::date
            )
          )
        order by c.period_start desc
        limit 2
      ) x
    ) recent
    where p.programme_id = ${programmeId} and p.status = 'active'`;
}

interface RiskRow {
  id: string;
  title: string;
  answer: string | null;
  note: string | null;
  sent?: number | null;
  unanswered?: number | null;
}

async function atRisk(db: Db, programmeId: string, until: Date) {
  const [latest, recent] = await Promise.all([
    db.execute(latestAnswerQuery(programmeId, until)).then((r) => rowsOf<RiskRow>(r)),
    db
      .execute(recentCheckinsQuery(programmeId, until))
      .then((r) => rowsOf<{ id: string; sent: number; unanswered: number }>(r)),
  ]);
  const recentById = new Map(recent.map((row) => [row.id, row]));
  const rows: RiskRow[] = latest.map((row) => ({ ...row, ...recentById.get(row.id), id: row.id }));
  const risky = rows
    .map((row) => {
      const reason: RiskReason | null =
        row.answer === "blocked" || row.answer === "needs_attention"
          ? row.answer
          : Number(row.sent) >= 2 && Number(row.unanswered) >= 2
            ? "quiet"
            : null;
      return reason ? { id: row.id, title: row.title, reason, note: row.note } : null;
    })
    .filter((row) => row !== null)
    .sort((a, b) => RISK_ORDER[a.reason] - RISK_ORDER[b.reason] || a.title.localeCompare(b.title));
  const members = new Map<string, string[]>();
  if (risky.length > 0) {
    const ids = risky.map((r) => r.id);
    const result = await db.execute(sql`
      select partnership_id, person_id from partnership_members
      where partnership_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
      order by joined_at, person_id`);
    for (const row of rowsOf<{ partnership_id: string; person_id: string }>(result)) {
      members.set(row.partnership_id, [...(members.get(row.partnership_id) ?? []), row.person_id]);
    }
  }
  return { rows: rows.length, risky: risky.map((r) => ({ ...r, memberIds: members.get(r.id) ?? [] })) };
}

/** A warm-path ask its co-author accepted is counted through the intro it passed on, not a second time. */
async function introCounts(db: Db, programmeId: string, { since, until }: Span) {
  const [a, b] = [iso(since), iso(until)];
  const result = await db.execute(sql`
    with members as (${membersOf(programmeId)})
    select
      count(*) filter (where i.created_at >= ${a}::timestamptz and i.created_at < ${b}::timestamptz)::int as requested,
      count(*) filter (where i.status = 'accepted' and i.responded_at >= ${a}::timestamptz and i.responded_at < ${b}::timestamptz)::int as accepted,
      count(*) filter (where i.status = 'declined' and i.responded_at >= ${a}::timestamptz and i.responded_at < ${b}::timestamptz)::int as declined,
      count(*) filter (where i.status = 'expired' and i.expires_at >= ${a}::timestamptz and i.expires_at < ${b}::timestamptz)::int as expired
    from intros i
    where (i.requester_id in (select person_id from members) or i.candidate_id in (select person_id from members))
      and not (i.target_id is not null and i.status = 'accepted')
      and (i.created_at >= ${a}::timestamptz or i.responded_at >= ${a}::timestamptz or i.expires_at >= ${a}::timestamptz)`);
  const row = rowsOf<Record<string, number>>(result)[0] ?? {};
  return {
    requested: Number(row.requested ?? 0),
    accepted: Number(row.accepted ?? 0),
    declined: Number(row.declined ?? 0),
    expired: Number(row.expired ?? 0),
  };
}

/** Partnerships made from intros: made in the period, met in it, and met by its end and still active. */
async function introFunnel(db: Db, programmeId: string, { since, until }: Span) {
  const [a, b] = [iso(since), iso(until)];
  const result = await db.execute(sql`
    select
      count(*) filter (where p.created_at >= ${a}::timestamptz and p.created_at < ${b}::timestamptz)::int as introduced,
      count(*) filter (where p.met_at >= ${a}::timestamptz and p.met_at < ${b}::timestamptz)::int as met,
      count(*) filter (where p.met_at < ${b}::timestamptz and p.status = 'active')::int as active
    from partnerships p
    where p.programme_id = ${programmeId} and p.intro_id is not null`);
  const row = rowsOf<Record<string, number>>(result)[0] ?? {};
  return {
    introduced: Number(row.introduced ?? 0),
    met: Number(row.met ?? 0),
    active: Number(row.active ?? 0),
  };
}

/**
 * One programme's snapshot for a period. Its reads are independent: on PostgreSQL they run side by side on the
 * pool (measured faster than one transaction with JIT off); inside a transaction or on PGlite, one after another.
 */
export async function loadDigestSnapshot(db: Db, input: SnapshotInput): Promise<DigestSnapshot> {
  const { programme, period, now } = input;
  const programmeId = programme.id;
  const [a, b] = [iso(period.since), iso(period.until)];
  const today = todayIn(now, input.timezone);

  const [rates, risk, intros, funnel, newPartnerships, achieved, overdue, followUps, undelivered, unlinked] =
    await Promise.all([
      rateRows(db, programmeId, period),
      atRisk(db, programmeId, period.until),
      introCounts(db, programmeId, period),
      introFunnel(db, programmeId, period),
      db
        .execute(sql`
        select id, title from partnerships
        where programme_id = ${programmeId} and started_at >= ${a}::timestamptz and started_at < ${b}::timestamptz
        order by started_at, title`)
        .then((r) => rowsOf<{ id: string; title: string }>(r)),
      db
        .execute(sql`
        select m.id, m.title, p.title as partnership_title, m.due_on
        from milestones m join partnerships p on p.id = m.partnership_id
        where p.programme_id = ${programmeId}
          and m.achieved_at >= ${a}::timestamptz and m.achieved_at < ${b}::timestamptz
        order by m.achieved_at, m.title`)
        .then((r) => rowsOf<MilestoneRow>(r)),
      db
        .execute(sql`
        select m.id, m.title, p.title as partnership_title, m.due_on
        from milestones m join partnerships p on p.id = m.partnership_id
        where p.programme_id = ${programmeId} and p.status = 'active'
          and (m.achieved_at is null or m.achieved_at >= ${b}::timestamptz) and m.due_on < ${today}::date
        order by m.due_on, m.title`)
        .then((r) => rowsOf<MilestoneRow>(r)),
      db
        .execute(sql`
        with members as (${membersOf(programmeId)})
        select ms.id, ms.mentor_id, ms.mentee_id, ms.next_follow_up_at
        from mentorships ms
        where ms.status = 'active' and ms.next_follow_up_at < ${iso(now)}::timestamptz
          and (ms.programme_id = ${programmeId}
            or (ms.programme_id is null and ms.mentee_id in (select person_id from members)))
        order by ms.next_follow_up_at`)
        .then((r) =>
          rowsOf<{ id: string; mentor_id: string; mentee_id: string; next_follow_up_at: unknown }>(r),
        ),
      db
        .execute(sql`
        with members as (${membersOf(programmeId)})
        -- next_attempt_at: when it was enqueued (unreachable) or last tried (failed), as the sender's clock saw it.
        select o.person_id, count(*)::int as failures, (array_agg(o.last_error order by o.id desc))[1] as reason
        from outbox o
        where o.status in ('unreachable', 'failed') and o.person_id in (select person_id from members)
          and o.next_attempt_at >= ${a}::timestamptz and o.next_attempt_at < ${b}::timestamptz
        group by o.person_id`)
        .then((r) => rowsOf<{ person_id: string; failures: number; reason: string | null }>(r)),
      db
        .execute(sql`
        with members as (${membersOf(programmeId)})
        select m.person_id, exists (select 1 from chat_identities ci where ci.person_id = m.person_id) as linked,
          exists (select 1 from chat_identities ci
            where ci.person_id = m.person_id and ci.app_removed_at is not null) as removed
        from members m
        where not exists (
          select 1 from chat_identities ci
          where ci.person_id = m.person_id and (ci.platform <> 'teams' or ci.conversation_ref is not null)
        )`)
        .then((r) => rowsOf<{ person_id: string; linked: boolean; removed: boolean }>(r)),
    ]);

  const unreachable = new Map<string, { personId: string; reason: string; failures: number }>();
  for (const row of undelivered) {
    unreachable.set(row.person_id, {
      personId: row.person_id,
      reason: row.reason ?? "delivery failed",
      failures: Number(row.failures),
    });
  }
  // Members no message can reach at all: no account linked, Teams only and no conversation with the bot yet, or
  // the app removed from their Teams.
  for (const row of unlinked) {
    const known = unreachable.get(row.person_id);
    unreachable.set(row.person_id, {
      personId: row.person_id,
      reason: row.removed ? TEAMS_APP_REMOVED : row.linked ? NO_TEAMS_CONVERSATION : NO_IDENTITY,
      failures: known?.failures ?? 0,
    });
  }

  const personIds = [...followUps.flatMap((f) => [f.mentor_id, f.mentee_id]), ...unreachable.keys()];
  const people = await createPeopleDirectory(db).personRefs(personIds);
  const named = [...unreachable.values()].sort((x, y) =>
    (people.get(x.personId)?.name ?? "").localeCompare(people.get(y.personId)?.name ?? ""),
  );
  const milestone = (row: MilestoneRow) => ({
    id: row.id,
    title: row.title,
    partnershipTitle: row.partnership_title,
    dueOn: toDay(row.due_on),
  });

  return {
    programme,
    period,
    today,
    rates,
    activePartnerships: risk.rows,
    atRisk: risk.risky,
    intros,
    introFunnel: funnel,
    newPartnerships,
    milestonesAchieved: achieved.map(milestone),
    milestonesOverdue: overdue.map(milestone),
    followUpsOverdue: followUps.map((f) => ({
      mentorshipId: f.id,
      mentorId: f.mentor_id,
      menteeId: f.mentee_id,
      dueAt: toDate(f.next_follow_up_at),
    })),
    unreachable: named,
    people,
  };
}
