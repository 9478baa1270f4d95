// Mentor follow-ups as the scheduled job runs them: prompts in the mentor's working time once per due instant, and one nudge to silent pairs.
import type { PeopleDirectory } from "../ports.ts";
import { clampToWorkingTime, isWorkingTime, safeZone } from "../schedule/working-time.ts";
import type { FollowUpPort, NudgeCandidate, ScheduledMessage } from "./followup-port.ts";
import { followUpPrompt, silenceNudge } from "./mentoring-messages.ts";

const DAY_MS = 86_400_000;
/** A pair is nudged after this many times its rhythm without a logged meeting. */
export const SILENCE_FACTOR = 1.5;

export interface FollowUpService {
  /** The `mentor-followups` job. */
  run(now: Date): Promise<{ prompts: number; nudges: number }>;
}

export function createFollowUpService(deps: {
  store: FollowUpPort;
  directory: PeopleDirectory;
}): FollowUpService {
  const { store, directory } = deps;

  function prompts(now: Date): Promise<number> {
    return store.sendDueFollowUps(now, {
      ready: (due) => isWorkingTime(now, safeZone(due.zone)),
      prompt: (due, mentee) => ({
        kind: "mentor.followup",
        dedupeKey: `mentor.followup:${due.mentorshipId}:${due.dueAt.toISOString()}`,
        to: { kind: "person", personId: due.mentorId },
        message: followUpPrompt(mentee, due.mentorshipId, due.dueAt),
      }),
    });
  }

  const isSilent = (pair: NudgeCandidate, now: Date) => {
    const since = pair.lastMet ? new Date(`${pair.lastMet}T00:00:00Z`) : pair.createdAt;
    return now.getTime() - since.getTime() >= SILENCE_FACTOR * pair.rhythmDays * DAY_MS;
  };

  /** Pairs with no meeting for 1.5× their rhythm: both are nudged once, each in their own working time. */
  async function nudges(now: Date): Promise<number> {
    const silent = (await store.nudgeCandidates()).filter((pair) => isSilent(pair, now));
    if (silent.length === 0) return 0;
    const refs = await directory.personRefs(silent.flatMap((s) => [s.mentorId, s.menteeId]));
    let sent = 0;
    for (const pair of silent) {
      sent += await store.nudge(
        { mentorshipId: pair.mentorshipId, personIds: [pair.mentorId, pair.menteeId], now },
        (availability) => {
          const mentor = refs.get(pair.mentorId);
          const mentee = refs.get(pair.menteeId);
          if (!mentor || !mentee) return [];
          const since = pair.lastMet ?? pair.createdAt.toISOString().slice(0, 10);
          const days = Math.floor(SILENCE_FACTOR * pair.rhythmDays);
          const out: ScheduledMessage[] = [];
          for (const [to, other, role] of [
            [pair.mentorId, mentee, "mentor"],
            [pair.menteeId, mentor, "mentee"],
          ] as const) {
            const person = availability.get(to);
            // Someone who opted out or is paused is not nudged; the other side still is.
            if (!person || person.optedOut || (person.pausedUntil && person.pausedUntil > now)) continue;
            out.push({
              sendAt: clampToWorkingTime(now, safeZone(person.zone)),
              message: {
                kind: "mentor.nudge",
                dedupeKey: `mentor.nudge:${pair.mentorshipId}:${since}:${to}`,
                to: { kind: "person", personId: to },
                message: silenceNudge(other, role, days),
              },
            });
          }
          return out;
        },
      );
    }
    return sent;
  }

  return {
    async run(now) {
      const prompted = await prompts(now);
      const nudged = await nudges(now);
      return { prompts: prompted, nudges: nudged };
    },
  };
}
