// What "Did you meet?" needs from storage (claims and outbox writes included); src/db/meet-ask-store.ts implements it.
import type { PersonRef } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";

export type MeetAnswer = "yes" | "not_yet" | "not_fit";

/** A waiting ask whose day has come, with what deciding and wording it needs. */
export interface DueAsk {
  id: string;
  partnershipId: string;
  personId: string;
  round: number;
  dueAt: Date;
  /** The person's zone: their profile's, else their platform's. */
  zone: string | null;
  /** The partnership's local hour for prompts (check-ins use it too). */
  localHour: number;
  partnershipStatus: string;
  metAt: Date | null;
  /** Opted out or paused now: asked when back, if still in time. */
  available: boolean;
  programmeId: string | null;
  /** The other member, as messages name them; null when they are gone. */
  other: PersonRef | null;
}

export type AskDecision = { kind: "wait" } | { kind: "skip" } | { kind: "send"; message: OutgoingMessage };

/** An ask as a press finds it. */
export interface MeetAsk {
  id: string;
  partnershipId: string;
  personId: string;
  round: number;
  status: string;
  answer: MeetAnswer | null;
  /** The partnership's state when the press came. */
  partnershipStatus: string;
  metAt: Date | null;
  localHour: number;
  other: PersonRef | null;
}

/** What an answer changed. */
export interface AnswerResult {
  ask: MeetAsk;
  /** Round 2 was scheduled ("Not yet" in round 1, the pair not met and still partners). */
  askedAgainAt: Date | null;
  /** The partnership was ended by this answer ("Not a good fit"). */
  ended: boolean;
}

export interface MeetAskStore {
  /**
   * In one transaction: locks waiting asks due by `now` (skipping rows another run holds); for each, `decide`
   * says wait, skip (status skipped) or send (status sent, the message enqueued). Returns the counts.
   */
  sendDue(now: Date, decide: (ask: DueAsk) => AskDecision): Promise<{ sent: number; skipped: number }>;
  byId(id: string): Promise<MeetAsk | null>;
  /**
   * In one transaction: records the answer of a sent ask (null when it was not sent or not this person's) and its
   * effect: yes stamps the partnership's met_at (first yes wins) and skips the asks still waiting; not_yet in round 1
   * adds round 2 at `askAgainAt`; not_fit ends the partnership and skips every ask still waiting for it.
   */
  answer(input: {
    askId: string;
    personId: string;
    answer: MeetAnswer;
    now: Date;
    askAgainAt: Date;
  }): Promise<AnswerResult | null>;
  /** The people this person was "not a good fit" with, by either one's answer. */
  poorFitsOf(personId: string): Promise<Set<string>>;
}
