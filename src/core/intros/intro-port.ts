// What the intro feature needs from storage: each state change is written with the messages it causes, in one transaction.
import type { OutgoingMessage } from "../outgoing.ts";

export type IntroStatus = "pending" | "accepted" | "declined" | "expired";

export interface Intro {
  id: string;
  requesterId: string;
  candidateId: string;
  need: string;
  status: IntroStatus;
  expiresAt: Date;
  createdAt: Date;
  respondedAt: Date | null;
  partnershipId: string | null;
  /** A warm-path ask: whom the candidate (a co-author of both) is asked to introduce the requester to. */
  targetId: string | null;
  /** The co-author who passed this request on, when it came through a warm-path ask. */
  introducedBy: string | null;
}

/** The partnership an accepted intro becomes. */
export interface PartnershipPlan {
  title: string;
  cadence: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** In each member's own time zone. */
  localHour: number;
  /** When both are first asked "Did you meet?" (in their working time from then on); none when absent. */
  askMetAt?: Date;
}

export interface IntroStore {
  byId(id: string): Promise<Intro | null>;
  /** Whether the pair are partners already, and the intro between them that waits for an answer, if any. */
  pairState(requesterId: string, candidateId: string): Promise<{ partners: boolean; pending: Intro | null }>;
  /**
   * A new pending intro and its messages, in one transaction; null when the pair has a pending intro already
   * (a second click, or a second instance, changes nothing).
   */
  request(
    input: {
      requesterId: string;
      candidateId: string;
      need: string;
      now: Date;
      expiresAt: Date;
      /** A warm-path ask: whom the candidate is asked to introduce the requester to. */
      targetId?: string;
    },
    messages: (intro: Intro) => OutgoingMessage[],
  ): Promise<Intro | null>;
  /**
   * A warm-path ask accepted: pending → accepted (no partnership: the candidate only introduces) and, when `onward`
   * is given, a pending intro from the requester to the target, introduced by the candidate; with the messages, in
   * one transaction. The onward intro is null when none was asked for or the pair has one pending already; the
   * whole is null when the ask was not pending any more or its time was up.
   */
  passOn(
    introId: string,
    now: Date,
    onward: { expiresAt: Date } | null,
    messages: (intro: Intro, onward: Intro | null) => OutgoingMessage[],
  ): Promise<{ intro: Intro; onward: Intro | null } | null>;
  /**
   * pending → accepted, a partnership of the two (active, members both) and the messages, in one transaction;
   * null when the intro was not pending any more or its time was up.
   */
  accept(
    introId: string,
    now: Date,
    plan: PartnershipPlan,
    messages: (intro: Intro, partnershipId: string) => OutgoingMessage[],
  ): Promise<{ intro: Intro; partnershipId: string } | null>;
  /** pending → declined and the messages, in one transaction; null when it was not pending any more. */
  decline(introId: string, now: Date, messages: (intro: Intro) => OutgoingMessage[]): Promise<Intro | null>;
  /** Pending intros whose week is up, oldest first. */
  due(now: Date, limit: number): Promise<Intro[]>;
  /** pending → expired for those of these intros still pending, with their notes; returns the ones it expired. */
  expire(
    introIds: readonly string[],
    now: Date,
    messages: (intro: Intro) => OutgoingMessage[],
  ): Promise<Intro[]>;
}
