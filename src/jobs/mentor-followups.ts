// Job `mentor-followups`: asks mentors to follow up when due (in their working time, once per due instant) and nudges silent pairs once.
import { and, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { followUpPrompt, silenceNudge } from "../core/mentoring/mentoring-messages.ts";
import type { PeopleDirectory } from "../core/ports.ts";
import { clampToWorkingTime, isWorkingTime, safeZone } from "../core/schedule/working-time.ts";
import type { Db } from "../db/client.ts";
import { zoneOf } from "../db/mentoring-store.ts";
import { enqueueMessages } from "../db/outbox-store.ts";
import { createPeopleDirectory } from "../db/people-directory.ts";
import { mentorMeetings, mentorships, people } from "../db/schema.ts";
import type { Job } from "./job.ts";

const DAY_MS = 86_400_000;
/** A pair is nudged after this many times its rhythm without a logged meeting. */
export const SILENCE_FACTOR = 1.5;

/** Not asked while paused or opted out: the prompt waits until they are back. */
const available = (now: Date) =>
  sql`not ${people.optedOut} and (${people.pausedUntil} is null or ${people.pausedUntil} <= ${now.toISOString()}::timestamptz)`;

export function createMentorFollowupsJob(deps: { db: Db; people?: PeopleDirectory }): Job {
  const { db } = deps;
  const directory = deps.people ?? createPeopleDirectory(db);

  /** Claims due follow-ups in the mentor's working time; clearing next_follow_up_at in the same transaction makes it once. */
  async function prompts(now: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const due = await tx
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
      const ready = due.filter((row) => isWorkingTime(now, safeZone(row.zone)));
      if (ready.length === 0) return 0;
      const refs = await createPeopleDirectory(tx).personRefs(ready.map((r) => r.menteeId));
      let sent = 0;
      for (const row of ready) {
        await tx
          .update(mentorships)
          .set({ nextFollowUpAt: null })
          .where(and(eq(mentorships.id, row.id), eq(mentorships.nextFollowUpAt, row.dueAt!)));
        const mentee = refs.get(row.menteeId);
        if (!mentee) continue;
        const ids = await enqueueMessages(
          tx,
          [
            {
              kind: "mentor.followup",
              dedupeKey: `mentor.followup:${row.id}:${row.dueAt!.toISOString()}`,
              to: { kind: "person", personId: row.mentorId },
              message: followUpPrompt(mentee, row.id),
            },
          ],
          now,
        );
        sent += ids.length;
      }
      return sent;
    });
  }

  /** Pairs with no meeting for 1.5× their rhythm: both are nudged once, each in their own working time. */
  async function nudges(now: Date): Promise<number> {
    // Qualified by hand: drizzle writes columns of a one-table query unqualified, which the subquery would capture.
    const lastMet = sql<
      string | null
    >`(select max(mm.met_on)::text from ${mentorMeetings} mm where mm.mentorship_id = "mentorships"."id")`;
    const candidates = await db
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
    const silent = candidates.filter((c) => {
      const since = c.lastMet ? new Date(`${c.lastMet}T00:00:00Z`) : c.createdAt;
      return now.getTime() - since.getTime() >= SILENCE_FACTOR * c.rhythmDays * DAY_MS;
    });
    if (silent.length === 0) return 0;
    const refs = await directory.personRefs(silent.flatMap((s) => [s.mentorId, s.menteeId]));
    let sent = 0;
    for (const pair of silent) {
      sent += await db.transaction(async (tx) => {
        const claimed = await tx
          .update(mentorships)
          .set({ lastNudgedAt: now })
          .where(and(eq(mentorships.id, pair.id), isNull(mentorships.lastNudgedAt)))
          .returning({ id: mentorships.id });
        if (claimed.length === 0) return 0;
        const mentor = refs.get(pair.mentorId);
        const mentee = refs.get(pair.menteeId);
        if (!mentor || !mentee) return 0;
        const since = pair.lastMet ?? pair.createdAt.toISOString().slice(0, 10);
        const days = Math.floor(SILENCE_FACTOR * pair.rhythmDays);
        let count = 0;
        for (const [to, other, role] of [
          [pair.mentorId, mentee, "mentor"],
          [pair.menteeId, mentor, "mentee"],
        ] as const) {
          const [person] = await tx
            .select({ zone: zoneOf(to), optedOut: people.optedOut, pausedUntil: people.pausedUntil })
            .from(people)
            .where(eq(people.id, to));
          // Someone who opted out or is paused is not nudged; the other side still is.
          if (!person || person.optedOut || (person.pausedUntil && person.pausedUntil > now)) continue;
          const sendAt = clampToWorkingTime(now, safeZone(person.zone));
          const ids = await enqueueMessages(
            tx,
            [
              {
                kind: "mentor.nudge",
                dedupeKey: `mentor.nudge:${pair.id}:${since}:${to}`,
                to: { kind: "person", personId: to },
                message: silenceNudge(other, role, days),
              },
            ],
            sendAt,
          );
          count += ids.length;
        }
        return count;
      });
    }
    return sent;
  }

  return {
    name: "mentor-followups",
    cron: "*/15 * * * *",
    description: "Ask mentors to follow up after a meeting, and nudge pairs who have not met for a long time",
    async run(now) {
      const prompted = await prompts(now);
      const nudged = await nudges(now);
      return {
        summary: `${prompted} follow-up prompts, ${nudged} nudges enqueued`,
        counts: { prompts: prompted, nudges: nudged },
      };
    },
  };
}
