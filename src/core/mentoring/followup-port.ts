// What mentor follow-ups and silence nudges need from storage (claims and outbox writes included); db/mentoring-store.ts implements it.
import type { PersonRef } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";

/** An active mentorship whose follow-up prompt is due, with the mentor's zone. */
export interface DueFollowUp {
  mentorshipId: string;
  mentorId: string;
  menteeId: string;
  dueAt: Date;
  zone: string | null;
}

/** An active pair not nudged since their last meeting, with the day of that meeting (YYYY-MM-DD) if any. */
export interface NudgeCandidate {
  mentorshipId: string;
  mentorId: string;
  menteeId: string;
  rhythmDays: number;
  createdAt: Date;
  lastMet: string | null;
}

/** Whether and where a person can be nudged now. */
export interface Availability {
  zone: string | null;
  optedOut: boolean;
  pausedUntil: Date | null;
}

export interface ScheduledMessage {
  message: OutgoingMessage;
  sendAt: Date;
}

export interface FollowUpPort {
  /**
   * In one transaction: locks the due follow-ups of available mentors (skipping rows another run holds); for each
   * that `ready` accepts, clears next_follow_up_at (so it is asked once) and enqueues `prompt` for it, unless the
   * mentee is gone. Returns how many prompts were enqueued.
   */
  sendDueFollowUps(
    now: Date,
    decide: {
      ready(due: DueFollowUp): boolean;
      prompt(due: DueFollowUp, mentee: PersonRef): OutgoingMessage;
    },
  ): Promise<number>;
  nudgeCandidates(): Promise<NudgeCandidate[]>;
  /**
   * In one transaction: stamps the pair nudged (0 when another run did first), then enqueues what `compose` makes of
   * the people's current availability (a person who is gone is left out of the map). Returns how many were enqueued.
   */
  nudge(
    input: { mentorshipId: string; personIds: readonly string[]; now: Date },
    compose: (availability: Map<string, Availability>) => ScheduledMessage[],
  ): Promise<number>;
}
