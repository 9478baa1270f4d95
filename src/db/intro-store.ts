// Intros and the partnerships they become; every state change is written with its outbox messages in one transaction.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Intro, IntroStatus, IntroStore } from "../core/intros/intro-port.ts";
import type { Db } from "./client.ts";
import { enqueueMessages } from "./outbox-store.ts";
import { rowsOf } from "./rows.ts";
import { intros, meetAsks, partnershipMembers, partnerships, people, programmeMembers } from "./schema.ts";

function toIntro(row: typeof intros.$inferSelect): Intro {
  return {
    id: row.id,
    requesterId: row.requesterId,
    candidateId: row.candidateId,
    need: row.need,
    status: row.status as IntroStatus,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    respondedAt: row.respondedAt,
    partnershipId: row.partnershipId,
    targetId: row.targetId,
    introducedBy: row.introducedBy,
  };
}

/** Marks both people as changed, so that every instance's match index sees their new partnership. */
async function touchPeople(tx: Db, personIds: readonly string[]) {
  await tx
    .update(people)
    .set({ updatedAt: sql`clock_timestamp()` })
    .where(inArray(people.id, [...personIds]));
}

/** A programme both belong to (the first by id), so that the partnership shows in its coordinator's digest. */
async function sharedProgramme(tx: Db, a: string, b: string): Promise<string | null> {
  const result = await tx.execute(sql`
    select x.programme_id from ${programmeMembers} x
    join ${programmeMembers} y on y.programme_id = x.programme_id
    where x.person_id = ${a} and y.person_id = ${b}
    order by x.programme_id limit 1`);
  return rowsOf<{ programme_id: string }>(result)[0]?.programme_id ?? null;
}

/** Marks a pending, unexpired intro of the given kind accepted; null when it is not (any more). */
async function acceptPending(
  tx: Pick<Db, "update">,
  introId: string,
  now: Date,
  kind: "warm-path ask" | "direct intro",
): Promise<typeof intros.$inferSelect | undefined> {
  const [row] = await tx
    .update(intros)
    .set({ status: "accepted", respondedAt: now })
    .where(
      and(
        eq(intros.id, introId),
        eq(intros.status, "pending"),
        kind === "warm-path ask" ? sql`${intros.targetId} is not null` : sql`${intros.targetId} is null`,
        sql`${intros.expiresAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  return row;
}

export function createIntroStore(db: Db): IntroStore {
  return {
    async byId(id) {
      const [row] = await db.select().from(intros).where(eq(intros.id, id));
      return row ? toIntro(row) : null;
    },

    async pairState(requesterId, candidateId) {
      const [pending] = await db
        .select()
        .from(intros)
        .where(
          and(
            eq(intros.requesterId, requesterId),
            eq(intros.candidateId, candidateId),
            eq(intros.status, "pending"),
          ),
        );
      const shared = await db.execute(sql`
        select 1 from ${partnershipMembers} a
        join ${partnershipMembers} b on b.partnership_id = a.partnership_id
        join ${partnerships} p on p.id = a.partnership_id and p.status = 'active'
        where a.person_id = ${requesterId} and b.person_id = ${candidateId}
        limit 1`);
      return { partners: rowsOf(shared).length > 0, pending: pending ? toIntro(pending) : null };
    },

    async request(input, messages) {
      return db.transaction(async (tx) => {
        // The partial unique index (one pending intro per pair) turns a second click into no row.
        const [row] = await tx
          .insert(intros)
          .values({
            requesterId: input.requesterId,
            candidateId: input.candidateId,
            need: input.need,
            status: "pending",
            expiresAt: input.expiresAt,
            createdAt: input.now,
            targetId: input.targetId ?? null,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        const intro = toIntro(row);
        await enqueueMessages(tx, messages(intro));
        return intro;
      });
    },

    async passOn(introId, now, onward, messages) {
      return db.transaction(async (tx) => {
        const row = await acceptPending(tx, introId, now, "warm-path ask");
        if (!row) return null;
        let next: Intro | null = null;
        if (onward && row.targetId) {
          // The pair's one pending intro (partial unique index): when the requester asked the target already, none.
          const [created] = await tx
            .insert(intros)
            .values({
              requesterId: row.requesterId,
              candidateId: row.targetId,
              need: row.need,
              status: "pending",
              introducedBy: row.candidateId,
              expiresAt: onward.expiresAt,
              createdAt: now,
            })
            .onConflictDoNothing()
            .returning();
          next = created ? toIntro(created) : null;
        }
        const intro = toIntro(row);
        await enqueueMessages(tx, messages(intro, next));
        return { intro, onward: next };
      });
    },

    async accept(introId, now, plan, messages) {
      return db.transaction(async (tx) => {
        // A warm-path ask is passed on (passOn), never made a partnership with the co-author.
        const row = await acceptPending(tx, introId, now, "direct intro");
        if (!row) return null;
        const [partnership] = await tx
          .insert(partnerships)
          .values({
            title: plan.title,
            programmeId: await sharedProgramme(tx, row.requesterId, row.candidateId),
            status: "active",
            cadence: plan.cadence,
            weekday: plan.weekday,
            localHour: plan.localHour,
            introId: row.id,
            startedAt: now,
            // The clock's now, not the database's: the digest counts new partnerships by created_at.
            createdAt: now,
          })
          .returning({ id: partnerships.id });
        const partnershipId = partnership!.id;
        await tx.insert(partnershipMembers).values([
          { partnershipId, personId: row.requesterId, joinedAt: now },
          { partnershipId, personId: row.candidateId, joinedAt: now },
        ]);
        if (plan.askMetAt) {
          await tx.insert(meetAsks).values(
            [row.requesterId, row.candidateId].map((personId) => ({
              partnershipId,
              personId,
              dueAt: plan.askMetAt!,
              createdAt: now,
            })),
          );
        }
        const [linked] = await tx
          .update(intros)
          .set({ partnershipId })
          .where(eq(intros.id, row.id))
          .returning();
        await touchPeople(tx, [row.requesterId, row.candidateId]);
        const intro = toIntro(linked!);
        await enqueueMessages(tx, messages(intro, partnershipId));
        return { intro, partnershipId };
      });
    },

    async decline(introId, now, messages) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(intros)
          .set({ status: "declined", respondedAt: now })
          .where(and(eq(intros.id, introId), eq(intros.status, "pending")))
          .returning();
        if (!row) return null;
        const intro = toIntro(row);
        await enqueueMessages(tx, messages(intro));
        return intro;
      });
    },

    async due(now, limit) {
      const rows = await db
        .select()
        .from(intros)
        .where(and(eq(intros.status, "pending"), lte(intros.expiresAt, now)))
        .orderBy(asc(intros.expiresAt), asc(intros.id))
        .limit(limit);
      return rows.map(toIntro);
    },

    async expire(introIds, _now, messages) {
      if (introIds.length === 0) return [];
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(intros)
          .set({ status: "expired" })
          .where(and(inArray(intros.id, [...introIds]), eq(intros.status, "pending")))
          .returning();
        const expired = rows.map(toIntro);
        await enqueueMessages(
          tx,
          expired.flatMap((intro) => messages(intro)),
        );
        return expired;
      });
    },
  };
}
