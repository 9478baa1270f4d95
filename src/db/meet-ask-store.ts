// "Did you meet?" asks in Postgres: due asks claimed with FOR UPDATE SKIP LOCKED and sent through the outbox in the
// claiming transaction; an answer and its effect on the partnership written together.
import { and, asc, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { DueAsk, MeetAnswer, MeetAsk, MeetAskStore } from "../core/meetings/meet-port.ts";
import type { PersonRef } from "../core/message.ts";
import type { Db } from "./client.ts";
import { zoneOf } from "./mentoring-store.ts";
import { enqueueMessages } from "./outbox-store.ts";
import { createPeopleDirectory } from "./people-directory.ts";
import { rowsOf } from "./rows.ts";
import { meetAsks, partnershipMembers, partnerships, people } from "./schema.ts";

/** Asks claimed per tick, oldest first; the rest wait for the next tick. */
const BATCH = 500;

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The other member of each (partnership, person), as messages name them. */
async function othersOf(
  tx: Db,
  asks: readonly { partnershipId: string; personId: string }[],
): Promise<Map<string, PersonRef>> {
  const found = new Map<string, PersonRef>();
  if (asks.length === 0) return found;
  const members = await tx
    .select({ partnershipId: partnershipMembers.partnershipId, personId: partnershipMembers.personId })
    .from(partnershipMembers)
    .where(inArray(partnershipMembers.partnershipId, [...new Set(asks.map((a) => a.partnershipId))]));
  const refs = await createPeopleDirectory(tx).personRefs(members.map((m) => m.personId));
  for (const ask of asks) {
    const other = members.find((m) => m.partnershipId === ask.partnershipId && m.personId !== ask.personId);
    const ref = other ? refs.get(other.personId) : undefined;
    if (ref) found.set(`${ask.partnershipId}:${ask.personId}`, ref);
  }
  return found;
}

/** Marks people as changed, so that every instance's match index sees the partnership's end. */
async function touchPeople(tx: Db, partnershipId: string) {
  await tx.execute(sql`
    update ${people} set updated_at = clock_timestamp()
    where id in (select person_id from ${partnershipMembers} where partnership_id = ${partnershipId})`);
}

async function skipWaiting(tx: Db, partnershipId: string) {
  await tx
    .update(meetAsks)
    .set({ status: "skipped" })
    .where(and(eq(meetAsks.partnershipId, partnershipId), eq(meetAsks.status, "waiting")));
}

const askColumns = {
  id: meetAsks.id,
  partnershipId: meetAsks.partnershipId,
  personId: meetAsks.personId,
  round: meetAsks.round,
  status: meetAsks.status,
  answer: meetAsks.answer,
  partnershipStatus: partnerships.status,
  metAt: partnerships.metAt,
  localHour: partnerships.localHour,
};

export function createMeetAskStore(db: Db): MeetAskStore {
  async function readAsk(tx: Db, id: string, lock: boolean): Promise<MeetAsk | null> {
    const query = tx
      .select(askColumns)
      .from(meetAsks)
      .innerJoin(partnerships, eq(partnerships.id, meetAsks.partnershipId))
      .where(eq(meetAsks.id, id));
    const [row] = lock ? await query.for("update", { of: meetAsks }) : await query;
    if (!row) return null;
    const others = await othersOf(tx, [row]);
    return {
      ...row,
      answer: row.answer as MeetAnswer | null,
      other: others.get(`${row.partnershipId}:${row.personId}`) ?? null,
    };
  }

  return {
    async sendDue(now, decide) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({
            id: meetAsks.id,
            partnershipId: meetAsks.partnershipId,
            personId: meetAsks.personId,
            round: meetAsks.round,
            dueAt: meetAsks.dueAt,
            zone: zoneOf(meetAsks.personId),
            localHour: partnerships.localHour,
            partnershipStatus: partnerships.status,
            metAt: partnerships.metAt,
            programmeId: partnerships.programmeId,
            optedOut: people.optedOut,
            pausedUntil: people.pausedUntil,
          })
          .from(meetAsks)
          .innerJoin(partnerships, eq(partnerships.id, meetAsks.partnershipId))
          .innerJoin(people, eq(people.id, meetAsks.personId))
          .where(and(eq(meetAsks.status, "waiting"), lte(meetAsks.dueAt, now)))
          .orderBy(asc(meetAsks.dueAt), asc(meetAsks.id))
          .limit(BATCH)
          .for("update", { of: meetAsks, skipLocked: true });
        const others = await othersOf(tx, rows);
        let sent = 0;
        let skipped = 0;
        for (const row of rows) {
          const { optedOut, pausedUntil, ...rest } = row;
          const ask: DueAsk = {
            ...rest,
            available: !optedOut && (pausedUntil === null || pausedUntil.getTime() <= now.getTime()),
            other: others.get(`${row.partnershipId}:${row.personId}`) ?? null,
          };
          const decision = decide(ask);
          if (decision.kind === "wait") continue;
          if (decision.kind === "skip") {
            await tx.update(meetAsks).set({ status: "skipped" }).where(eq(meetAsks.id, row.id));
            skipped++;
            continue;
          }
          await tx.update(meetAsks).set({ status: "sent", sentAt: now }).where(eq(meetAsks.id, row.id));
          sent += (await enqueueMessages(tx, [decision.message], now)).length;
        }
        return { sent, skipped };
      });
    },

    byId: (id) => (isUuid(id) ? readAsk(db, id, false) : Promise.resolve(null)),

    async answer({ askId, personId, answer, now, askAgainAt }) {
      if (!isUuid(askId)) return null;
      return db.transaction(async (tx) => {
        const ask = await readAsk(tx, askId, true);
        if (!ask || ask.personId !== personId || ask.status !== "sent") return null;
        await tx
          .update(meetAsks)
          .set({ status: "answered", answer, answeredAt: now })
          .where(eq(meetAsks.id, askId));
        let askedAgainAt: Date | null = null;
        let ended = false;
        if (answer === "yes") {
          // The first yes is when they met; the other's ask still waiting has nothing left to learn.
          await tx
            .update(partnerships)
            .set({ metAt: now })
            .where(and(eq(partnerships.id, ask.partnershipId), isNull(partnerships.metAt)));
          await skipWaiting(tx, ask.partnershipId);
        } else if (answer === "not_yet") {
          if (ask.round === 1 && ask.partnershipStatus !== "ended" && ask.metAt === null) {
            await tx
              .insert(meetAsks)
              .values({
                partnershipId: ask.partnershipId,
                personId,
                round: 2,
                dueAt: askAgainAt,
                createdAt: now,
              })
              .onConflictDoNothing();
            askedAgainAt = askAgainAt;
          }
        } else {
          const closed = await tx
            .update(partnerships)
            .set({ status: "ended", endedAt: now })
            .where(and(eq(partnerships.id, ask.partnershipId), ne(partnerships.status, "ended")))
            .returning({ id: partnerships.id });
          ended = closed.length > 0;
          await skipWaiting(tx, ask.partnershipId);
          if (ended) await touchPeople(tx, ask.partnershipId);
        }
        return { ask, askedAgainAt, ended };
      });
    },

    async poorFitsOf(personId) {
      if (!isUuid(personId)) return new Set();
      const result = await db.execute(sql`
        select distinct other.person_id
        from ${partnershipMembers} me
        join ${meetAsks} a on a.partnership_id = me.partnership_id and a.answer = 'not_fit'
        join ${partnershipMembers} other
          on other.partnership_id = me.partnership_id and other.person_id <> me.person_id
        where me.person_id = ${personId}`);
      return new Set(rowsOf<{ person_id: string }>(result).map((r) => r.person_id));
    },
  };
}
