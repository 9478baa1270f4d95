// What check-ins need from storage; src/db/checkin-store.ts implements it (claims, transactions, the outbox).
import type { AnswerWindow } from "../calendar/answer-window.ts";
import type { AwayRange } from "../calendar/person-calendar.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { Cadence } from "../schedule/periods.ts";
import type { CheckinAnswer } from "./answers.ts";
import type { CheckinQuestion } from "./custom-question.ts";

/** A partnership member as planning sees them. */
export interface PlanningMember {
  personId: string;
  /** people.timezone, else the platform's time zone, else "UTC" (checked again with safeZone). */
  zone: string;
  /** Not opted out and not paused now. */
  available: boolean;
  /** Where the person's public holidays come from (null: none known). */
  country: string | null;
  region: string | null;
  /** Days away that have not ended. */
  away: readonly AwayRange[];
}

/** An active partnership and the periods already planned for it. */
export interface PlanningPartnership {
  id: string;
  cadence: Cadence;
  weekday: number;
  localHour: number;
  startedAt: Date;
  /** The programme's answer window (the default one without a programme). */
  window: AnswerWindow;
  members: readonly PlanningMember[];
  /** Period keys of this partnership's check-ins whose period has not ended yet. */
  plannedKeys: readonly string[];
}

/** One check-in to create, with each member's own due instant. */
export interface CheckinPlan {
  partnershipId: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  prompts: readonly { personId: string; dueAt: Date }[];
}

/** A pending prompt whose due instant has come, claimed for this run. */
export interface DuePrompt {
  checkinId: string;
  personId: string;
  title: string;
  programmeId: string | null;
  partnershipStatus: string;
  dueAt: Date;
  periodEnd: Date;
  zone: string;
  available: boolean;
  country: string | null;
  region: string | null;
  away: readonly AwayRange[];
  window: AnswerWindow;
  /** The coordinator's question for this partnership, or null for the standard one. */
  question: CheckinQuestion | null;
}

export type PromptDecision =
  | { kind: "send"; message: OutgoingMessage; late: boolean }
  /** Recorded as skipped: too late, paused, opted out, closed. */
  | { kind: "skip" }
  /** Left pending: e.g. outside the member's working time, to be looked at again on a later tick. */
  | { kind: "wait" }
  /** Left pending, due later: the member is away or on a public holiday today. */
  | { kind: "move"; dueAt: Date };

export interface PromptRunCounts {
  sent: number;
  late: number;
  unreachable: number;
  skipped: number;
  waiting: number;
  /** Moved to a later day: a public holiday or a day away. */
  moved: number;
}

/** A delivered, unanswered, not yet reminded prompt of an active partnership, old enough to consider. */
export interface ReminderCandidate {
  checkinId: string;
  personId: string;
  title: string;
  programmeId: string | null;
  sentAt: Date;
  periodEnd: Date;
  zone: string;
  country: string | null;
  region: string | null;
  away: readonly AwayRange[];
  window: AnswerWindow;
  /** The coordinator's question for this partnership, or null for the standard one. */
  question: CheckinQuestion | null;
}

export type ReminderDecision = { kind: "remind"; message: OutgoingMessage } | { kind: "wait" };

/** `choice`: the custom question's choice as its button read, null for the standard buttons. */
export type AnswerOutcome =
  | { kind: "recorded"; title: string; answer: CheckinAnswer; choice: string | null }
  | { kind: "already"; title: string; answer: CheckinAnswer; choice: string | null }
  | { kind: "closed"; title: string }
  | { kind: "unknown" };

export type NoteOutcome = "saved" | "closed" | "unanswered" | "unknown";

export type PromptState =
  | { kind: "answered"; title: string; answer: CheckinAnswer; withNote: boolean; choice: string | null }
  | { kind: "open"; title: string; periodEnd: Date; zone: string; programmeId: string | null }
  | { kind: "closed"; title: string }
  /** Not a member of that check-in, or no such check-in. */
  | { kind: "unknown" };

export interface CheckinStore {
  /**
   * Active partnerships with their available members' zones and the periods already planned, a page at a time
   * (the job runs every minute: at 100,000 people, reading them all at once held some 240 MB each run).
   */
  partnershipsToPlan(now: Date): AsyncIterable<readonly PlanningPartnership[]>;
  /** Creates each check-in and its prompts unless any instance planned that period already; returns how many. */
  savePlans(plans: readonly CheckinPlan[]): Promise<number>;
  /**
   * Claims pending prompts due by `now` (FOR UPDATE SKIP LOCKED) in batches; in each batch's transaction it
   * enqueues the messages of those `decide` sends and marks them sent (or unreachable), and marks skips.
   */
  sendDuePrompts(now: Date, decide: (prompt: DuePrompt) => PromptDecision): Promise<PromptRunCounts>;
  /** Like sendDuePrompts, for prompts sent before `sentBefore` and neither answered nor reminded. */
  sendDueReminders(
    now: Date,
    sentBefore: Date,
    decide: (candidate: ReminderCandidate) => ReminderDecision,
  ): Promise<{ reminded: number; waiting: number }>;
  /** Records the member's answer once, while the period is open; otherwise says what stands. */
  recordAnswer(input: {
    checkinId: string;
    personId: string;
    answer: CheckinAnswer;
    /** The custom choice pressed (its label and question), stored beside the state it maps to. */
    choice?: { label: string; questionId: number } | null;
    note: string | null;
    at: Date;
  }): Promise<AnswerOutcome>;
  /** Where a member's prompt stands now, for showing it to them again. */
  promptState(input: { checkinId: string; personId: string; at: Date }): Promise<PromptState>;
  /** Adds or replaces the note of an answered prompt while the period is open. */
  saveNote(input: { checkinId: string; personId: string; note: string; at: Date }): Promise<NoteOutcome>;
}
