// Mentorships and their meetings in Postgres: the core's MentoringStore, and its FollowUpPort (the follow-up job's claims and nudges).
import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Availability, FollowUpPort } from "../core/mentoring/followup-port.ts";
import type { MentoringStore, MentorshipSummary } from "../core/mentoring/mentoring-port.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { enqueueMessages } from "./outbox-store.ts";
import { createPeopleDirectory } from "./people-directory.ts";
import { chatIdentities, mentorMeetings, mentorships, people } from "./schema.ts";

const mentor = alias(people, "mentor");
const mentee = alias(people, "mentee");

/** A person's zone: their profile's, else the one a platform reported for one of their identities. */
export const zoneOf = (personId: unknown) =>
  sql<string | null>`coalesce((select timezone from ${people} where id = ${personId}),
    (select platform_timezone from ${chatIdentities} where person_id = ${personId} and platform_timezone is not null
     order by last_seen_at desc nulls last limit 1))`;

async function summaries(db: Db, where: ReturnType<typeof and>): Promise<MentorshipSummary[]> {
  const rows = await db
    .select({
      id: mentorships.id,
      mentorId: mentor.id,
      mentorName: mentor.name,
      menteeId: mentee.id,
      menteeName: mentee.name,
      mentorTimezone: zoneOf(mentor.id),
      followUpDays: mentorships.followUpDays,
    })
    .from(mentorships)
    .innerJoin(mentor, eq(mentor.id, mentorships.mentorId))
    .innerJoin(mentee, eq(mentee.id, mentorships.menteeId))
    .where(where)
    .orderBy(mentorships.createdAt);
  return rows.map((r) => ({
    id: r.id,
    mentor: { id: r.mentorId, name: r.mentorName },
    mentee: { id: r.menteeId, name: r.menteeName },
    mentorTimezone: r.mentorTimezone,
    followUpDays: r.followUpDays,
  }));
}

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function createMentoringStore(db: Db): MentoringStore {
  return {
    mentorshipsOf: (personId) =>
      summaries(
        db,
        and(
          eq(mentorships.status, "active"),
          or(eq(mentorships.mentorId, personId), eq(mentorships.menteeId, personId)),
        ),
      ),
    async mentorship(id) {
      if (!isUuid(id)) return null;
      const [found] = await summaries(db, and(eq(mentorships.id, id), eq(mentorships.status, "active")));
      return found ?? null;
    },
    async findPerson(handle) {
      if (handle.kind === "email") {
        const [row] = await db
          .select({ id: people.id, name: people.name })
          .from(people)
          .where(sql`lower(${people.email}) = ${handle.email.toLowerCase()}`);
        return row ?? null;
      }
      const { platform, tenantId, userId } = handle.address;
      const [row] = await db
        .select({ id: people.id, name: people.name })
        .from(chatIdentities)
        .innerJoin(people, eq(people.id, chatIdentities.personId))
        .where(
          and(
            eq(chatIdentities.platform, platform),
            eq(chatIdentities.tenantId, tenantId),
            eq(chatIdentities.userId, userId),
          ),
        );
      return row ?? null;
    },
    async addMentorship(m, by) {
      return db.transaction(async (tx) => {
        const existing = await tx
          .select({ id: mentorships.id })
          .from(mentorships)
          .where(
            and(
              eq(mentorships.mentorId, m.mentorId),
              eq(mentorships.menteeId, m.menteeId),
              eq(mentorships.status, "active"),
            ),
          );
        if (existing.length > 0) return "exists" as const;
        const [row] = await tx
          .insert(mentorships)
          .values({
            mentorId: m.mentorId,
            menteeId: m.menteeId,
            programmeId: m.programmeId,
            goals: m.goals ?? null,
            ...(m.rhythmDays ? { rhythmDays: m.rhythmDays } : {}),
            ...(m.followUpDays ? { followUpDays: m.followUpDays } : {}),
          })
          .returning({ id: mentorships.id });
        await recordAudit(tx, {
          actor: by.personId,
          platform: by.platform,
          action: "mentorship.add",
          subject: row!.id,
          details: { programmeId: m.programmeId },
        });
        return "created" as const;
      });
    },
    async logMeeting(meeting) {
      await db.transaction(async (tx) => {
        await tx.insert(mentorMeetings).values({
          mentorshipId: meeting.mentorshipId,
          loggedBy: meeting.loggedBy,
          metOn: meeting.metOn,
          nextStep: meeting.nextStep,
        });
        await tx
          .update(mentorships)
          .set({ nextFollowUpAt: meeting.nextFollowUpAt, lastNudgedAt: null })
          .where(eq(mentorships.id, meeting.mentorshipId));
      });
    },
    async setNextFollowUp(mentorshipId, at) {
      await db.update(mentorships).set({ nextFollowUpAt: at }).where(eq(mentorships.id, mentorshipId));
    },
  };
}

/** Not asked while paused or opted out: the prompt waits until they are back. */
const available = (now: Date) =>
  sql`not ${people.optedOut} and (${people.pausedUntil} is null or ${people.pausedUntil} <= ${now.toISOString()}::timestamptz)`;

export function createFollowUpStore(db: Db): FollowUpPort {
  return {
    /** Clearing next_follow_up_at in the claiming transaction makes each prompt once. */
    async sendDueFollowUps(now, decide) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({
            id: mentorships.id,
            mentorId: mentorships.mentorId,
            menteeId: mentorships.menteeId,
            dueAt: mentorships.nextFollowUpAt,
            zone: zoneOf(mentorships.mentorId),
          })
          .from(mentorships)
          .innerJoin(people, eq(people.id, mentorships.mentorId))
          .where(
            and(
              eq(mentorships.status, "active"),
              isNotNull(mentorships.nextFollowUpAt),
              lte(mentorships.nextFollowUpAt, now),
              available(now),
            ),
          )
          .for("update", { of: mentorships, skipLocked: true });
        const ready = rows
          .flatMap((r) =>
            r.dueAt
              ? [
                  {
                    mentorshipId: r.id,
                    mentorId: r.mentorId,
                    menteeId: r.menteeId,
                    dueAt: r.dueAt,
                    zone: r.zone,
                  },
                ]
              : [],
          )
          .filter((due) => decide.ready(due));
        if (ready.length === 0) return 0;
        const refs = await createPeopleDirectory(tx).personRefs(ready.map((r) => r.menteeId));
        let sent = 0;
        for (const due of ready) {
          await tx
            .update(mentorships)
            .set({ nextFollowUpAt: null })
            .where(and(eq(mentorships.id, due.mentorshipId), eq(mentorships.nextFollowUpAt, due.dueAt)));
          const mentee = refs.get(due.menteeId);
          if (!mentee) continue;
          sent += (await enqueueMessages(tx, [decide.prompt(due, mentee)], now)).length;
        }
        return sent;
      });
    },
    async nudgeCandidates() {
      // Qualified by hand: drizzle writes columns of a one-table query unqualified, which the subquery would capture.
      const lastMet = sql<
        string | null
      >`(select max(mm.met_on)::text from ${mentorMeetings} mm where mm.mentorship_id = "mentorships"."id")`;
      const rows = await db
        .select({
          id: mentorships.id,
          mentorId: mentorships.mentorId,
          menteeId: mentorships.menteeId,
          rhythmDays: mentorships.rhythmDays,
          createdAt: mentorships.createdAt,
          lastMet,
        })
        .from(mentorships)
        .where(and(eq(mentorships.status, "active"), isNull(mentorships.lastNudgedAt)));
      return rows.map(({ id, ...row }) => ({ mentorshipId: id, ...row }));
    },
    async nudge({ mentorshipId, personIds, now }, compose) {
      return db.transaction(async (tx) => {
        const claimed = await tx
          .update(mentorships)
          .set({ lastNudgedAt: now })
          .where(and(eq(mentorships.id, mentorshipId), isNull(mentorships.lastNudgedAt)))
          .returning({ id: mentorships.id });
        if (claimed.length === 0) return 0;
        const availability = new Map<string, Availability>();
        for (const personId of personIds) {
          const [person] = await tx
            .select({ zone: zoneOf(personId), optedOut: people.optedOut, pausedUntil: people.pausedUntil })
            .from(people)
            .where(eq(people.id, personId));
          if (person) availability.set(personId, person);
        }
        let count = 0;
        for (const { message, sendAt } of compose(availability)) {
          count += (await enqueueMessages(tx, [message], sendAt)).length;
        }
        return count;
      });
    },
  };
}
