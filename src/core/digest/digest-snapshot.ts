// What a coordinator's digest is built from: one programme's figures for one period, read by db/digest-queries.
import type { PersonRef } from "../message.ts";

/** A span of time, start inclusive, end exclusive. */
export interface Span {
  since: Date;
  until: Date;
}

/** Check-in prompts sent in a period and how many of them were answered. */
export interface RatePoint extends Span {
  sent: number;
  answered: number;
}

export type RiskReason = "blocked" | "needs_attention" | "quiet";

export interface AtRiskPartnership {
  id: string;
  title: string;
  reason: RiskReason;
  /** The latest check-in note of the partnership, if any. */
  note: string | null;
  memberIds: readonly string[];
}

export interface IntroCounts {
  requested: number;
  accepted: number;
  declined: number;
  expired: number;
}

/**
 * From intro to working partnership, for the period: partnerships made from an accepted intro in it, pairs who said
 * they met (the first "Yes" to "Did you meet?") in it, and, of the pairs who have met by its end, those still active.
 */
export interface IntroFunnel {
  introduced: number;
  met: number;
  active: number;
}

export interface NewPartnership {
  id: string;
  title: string;
}

export interface MilestoneItem {
  id: string;
  title: string;
  partnershipTitle: string;
  /** YYYY-MM-DD, when it has a due date. */
  dueOn: string | null;
}

export interface FollowUpItem {
  mentorshipId: string;
  mentorId: string;
  menteeId: string;
  dueAt: Date;
}

/** A member messages do not reach: the last delivery problem (or "no identity") and how many failed. */
export interface UnreachableMember {
  personId: string;
  /** "no-identity", or the outbox's last_error. */
  reason: string;
  failures: number;
}

export interface DigestSnapshot {
  programme: { id: string; name: string };
  period: Span;
  /** The coordinator's today (YYYY-MM-DD), which decides what is overdue. */
  today: string;
  /** Eight equal periods, oldest first; the last is `period`, the one before it the previous period. */
  rates: readonly RatePoint[];
  activePartnerships: number;
  atRisk: readonly AtRiskPartnership[];
  intros: IntroCounts;
  introFunnel: IntroFunnel;
  newPartnerships: readonly NewPartnership[];
  milestonesAchieved: readonly MilestoneItem[];
  milestonesOverdue: readonly MilestoneItem[];
  followUpsOverdue: readonly FollowUpItem[];
  unreachable: readonly UnreachableMember[];
  /** Everyone the snapshot names, as messages name them. */
  people: ReadonlyMap<string, PersonRef>;
}

/** The eight periods of a chart ending with `period`, each as long as it, oldest first. */
export function chartSpans(period: Span, count = 8): Span[] {
  const length = Math.max(period.until.getTime() - period.since.getTime(), 3_600_000);
  const spans: Span[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const until = period.until.getTime() - i * length;
    spans.push({ since: new Date(until - length), until: new Date(until) });
  }
  return spans;
}
