// Check-in history in Postgres: a partnership's latest check-ins with each member's answer, and the answers of
// programmes as rows for `collab export partnerships --format csv`.
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { type CheckinAnswer, isCheckinAnswer } from "../core/checkins/answers.ts";
import type { HistoryStore } from "../core/checkins/history-port.ts";
import type { Db } from "./client.ts";
import { checkinPrompts, checkins, partnershipMembers, partnerships, people, programmes } from "./schema.ts";

const asAnswer = (value: string | null): CheckinAnswer | null =>
  value !== null && isCheckinAnswer(value) ? value : null;

export function createCheckinHistoryStore(db: Db): HistoryStore {
  return {
    async partnershipsNamed(title) {
      const rows = await db
        .select({
          id: partnerships.id,
          title: partnerships.title,
          programmeId: partnerships.programmeId,
          startedAt: partnerships.startedAt,
          memberIds: sql<string[]>`coalesce((select array_agg(m.person_id::text) from ${partnershipMembers} m
            where m.partnership_id = ${partnerships.id}), '{}')`,
        })
        .from(partnerships)
        .where(sql`lower(${partnerships.title}) = lower(${title.trim()})`);
      return rows.map((row) => ({ ...row, memberIds: [...(row.memberIds ?? [])] }));
    },

    async history(partnershipId, limit, now) {
      const recent = await db
        .select({
          id: checkins.id,
          periodKey: checkins.periodKey,
          periodStart: checkins.periodStart,
          periodEnd: checkins.periodEnd,
        })
        .from(checkins)
        .where(and(eq(checkins.partnershipId, partnershipId), lte(checkins.periodStart, now)))
        .orderBy(desc(checkins.periodStart))
        .limit(limit);
      if (recent.length === 0) return [];
      const prompts = await db
        .select({
          checkinId: checkinPrompts.checkinId,
          personId: checkinPrompts.personId,
          name: people.name,
          status: checkinPrompts.status,
          answer: checkinPrompts.answer,
          choice: checkinPrompts.choice,
          note: checkinPrompts.note,
        })
        .from(checkinPrompts)
        .innerJoin(people, eq(people.id, checkinPrompts.personId))
        .where(
          inArray(
            checkinPrompts.checkinId,
            recent.map((c) => c.id),
          ),
        )
        .orderBy(asc(people.name), asc(people.id));
      return recent.map(({ id, ...checkin }) => ({
        ...checkin,
        answers: prompts
          .filter((p) => p.checkinId === id)
          .map(({ checkinId: _checkin, ...p }) => ({ ...p, answer: asAnswer(p.answer) })),
      }));
    },
  };
}

/** One answer as the CSV export writes it. */
export interface AnswerRow {
  programme: string;
  partnership: string;
  period: string;
  periodStart: Date;
  member: string;
  memberEmail: string;
  answer: CheckinAnswer;
  choice: string | null;
  note: string | null;
  answeredAt: Date;
}

/** The programmes with these names (any case), by lower-cased name. */
export async function programmesNamed(db: Db, names: readonly string[]) {
  const rows = await db.select({ id: programmes.id, name: programmes.name }).from(programmes);
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  return {
    found: rows.filter((r) => wanted.has(r.name.toLowerCase())),
    all: rows.map((r) => r.name).sort(),
  };
}

/**
 * Every answered prompt of partnerships in these programmes (all programmes when `programmeIds` is null), answered
 * at or after `since`, oldest first: one row per answer.
 */
export async function answerRows(
  db: Db,
  filter: { programmeIds: readonly string[] | null; since: Date | null },
): Promise<AnswerRow[]> {
  const rows = await db
    .select({
      programme: sql<string>`coalesce(${programmes.name}, '')`,
      partnership: partnerships.title,
      period: checkins.periodKey,
      periodStart: checkins.periodStart,
      member: people.name,
      memberEmail: people.email,
      answer: checkinPrompts.answer,
      choice: checkinPrompts.choice,
      note: checkinPrompts.note,
      answeredAt: checkinPrompts.answeredAt,
    })
    .from(checkinPrompts)
    .innerJoin(checkins, eq(checkins.id, checkinPrompts.checkinId))
    .innerJoin(partnerships, eq(partnerships.id, checkins.partnershipId))
    .innerJoin(people, eq(people.id, checkinPrompts.personId))
    .leftJoin(programmes, eq(programmes.id, partnerships.programmeId))
    .where(
      and(
        eq(checkinPrompts.status, "answered"),
        filter.programmeIds ? inArray(partnerships.programmeId, [...filter.programmeIds]) : undefined,
        filter.since
          ? sql`${checkinPrompts.answeredAt} >= ${filter.since.toISOString()}::timestamptz`
          : undefined,
      ),
    )
    .orderBy(
      asc(programmes.name),
      asc(partnerships.title),
      asc(checkins.periodStart),
      asc(people.name),
      asc(checkinPrompts.answeredAt),
    );
  return rows.flatMap((row) => {
    const answer = asAnswer(row.answer);
    return answer && row.answeredAt ? [{ ...row, answer, answeredAt: row.answeredAt }] : [];
  });
}
