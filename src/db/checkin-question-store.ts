// Custom check-in questions in Postgres: rows are only added (the newest of a scope is in force), each one audited;
// the question a partnership's prompts ask is its own newest, else its programme's, else the standard one.
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { type CheckinQuestion, type QuestionScope, readChoices } from "../core/checkins/custom-question.ts";
import type { QuestionStore } from "../core/checkins/question-port.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { checkinQuestions, checkins, partnerships } from "./schema.ts";

type QuestionRow = typeof checkinQuestions.$inferSelect;

function asQuestion(row: QuestionRow | undefined): CheckinQuestion | null {
  if (!row?.question) return null;
  const choices = readChoices(row.choices);
  if (choices.length === 0) return null;
  return { id: row.id, question: row.question, choices, freeTextQuestion: row.freeTextQuestion };
}

/** The newest row of each scope among `ids`, by programme or by partnership. */
async function newestRows(db: Db, column: "programmeId" | "partnershipId", ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, QuestionRow>();
  const key = checkinQuestions[column];
  const rows = await db
    .selectDistinctOn([key])
    .from(checkinQuestions)
    .where(inArray(key, [...ids]))
    .orderBy(key, desc(checkinQuestions.id));
  return new Map(rows.map((row) => [row[column] ?? "", row]));
}

/**
 * The question in force for each partnership: its own newest row when that holds a question, else its programme's
 * newest, else none (the standard question). Two small queries per call, whatever the number of partnerships.
 */
export async function questionsInForce(
  db: Db,
  partnershipsWithProgramme: readonly { id: string; programmeId: string | null }[],
): Promise<Map<string, CheckinQuestion>> {
  const own = await newestRows(
    db,
    "partnershipId",
    partnershipsWithProgramme.map((p) => p.id),
  );
  const programmeIds = [
    ...new Set(partnershipsWithProgramme.flatMap((p) => (p.programmeId ? [p.programmeId] : []))),
  ];
  const ofProgramme = await newestRows(db, "programmeId", programmeIds);
  const found = new Map<string, CheckinQuestion>();
  for (const p of partnershipsWithProgramme) {
    const question =
      asQuestion(own.get(p.id)) ?? (p.programmeId ? asQuestion(ofProgramme.get(p.programmeId)) : null);
    if (question) found.set(p.id, question);
  }
  return found;
}

function sameQuestion(row: QuestionRow | undefined, question: Omit<CheckinQuestion, "id"> | null): boolean {
  if (!row?.question) return question === null;
  return (
    question !== null &&
    row.question === question.question &&
    row.freeTextQuestion === question.freeTextQuestion &&
    JSON.stringify(readChoices(row.choices)) === JSON.stringify(question.choices)
  );
}

export function createCheckinQuestionStore(db: Db): QuestionStore {
  return {
    async partnershipsOf(programmeIds) {
      if (programmeIds.length === 0) return [];
      const rows = await db
        .select({ id: partnerships.id, title: partnerships.title, programmeId: partnerships.programmeId })
        .from(partnerships)
        .where(
          and(
            inArray(partnerships.programmeId, [...programmeIds]),
            ne(partnerships.status, "ended"),
            isNotNull(partnerships.programmeId),
          ),
        )
        .orderBy(asc(partnerships.title), asc(partnerships.id));
      return rows.map((row) => ({ ...row, programmeId: row.programmeId ?? "" }));
    },

    async current(scope: QuestionScope) {
      if (scope.kind === "programme") {
        const rows = await newestRows(db, "programmeId", [scope.id]);
        return asQuestion(rows.get(scope.id));
      }
      const [partnership] = await db
        .select({ id: partnerships.id, programmeId: partnerships.programmeId })
        .from(partnerships)
        .where(eq(partnerships.id, scope.id));
      if (!partnership) return null;
      return (await questionsInForce(db, [partnership])).get(partnership.id) ?? null;
    },

    async forCheckin(checkinId, questionId) {
      // A question may be asked in a check-in when it is its partnership's or its programme's (any version: a
      // prompt sent before a change still counts by the choices it showed).
      const [row] = await db
        .select({ question: checkinQuestions })
        .from(checkinQuestions)
        .innerJoin(checkins, eq(checkins.id, sql`${checkinId}::uuid`))
        .innerJoin(partnerships, eq(partnerships.id, checkins.partnershipId))
        .where(
          and(
            eq(checkinQuestions.id, questionId),
            sql`(${checkinQuestions.partnershipId} = ${partnerships.id} or ${checkinQuestions.programmeId} = ${partnerships.programmeId})`,
          ),
        );
      return asQuestion(row?.question);
    },

    async save({ scope, question, by, platform, at }) {
      await db.transaction(async (tx) => {
        // Saving what stands already adds nothing (a form sent twice, a second instance): one row per change.
        const column = scope.kind === "programme" ? "programmeId" : "partnershipId";
        const newest = (await newestRows(tx, column, [scope.id])).get(scope.id);
        if (sameQuestion(newest, question)) return;
        await tx.insert(checkinQuestions).values({
          ...(scope.kind === "programme" ? { programmeId: scope.id } : { partnershipId: scope.id }),
          question: question?.question ?? null,
          choices: question?.choices ?? [],
          freeTextQuestion: question?.freeTextQuestion ?? null,
          setBy: by,
          createdAt: at,
        });
        // Counts and states only: the question's words stay out of the audit log, like every message body.
        await recordAudit(tx, {
          actor: by,
          platform,
          action: question ? "checkin.question.set" : "checkin.question.reset",
          subject: `${scope.kind}:${scope.id}`,
          details: question
            ? {
                choices: question.choices.length,
                states: question.choices.map((c) => c.state),
                freeTextQuestion: question.freeTextQuestion !== null,
              }
            : null,
        });
      });
    },
  };
}
