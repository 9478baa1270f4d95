// What partnerships need from storage; src/db/partnership-store.ts implements it (and checks roles in its queries).
import type { AnswerWindow } from "../calendar/answer-window.ts";
import type { AwayRange } from "../calendar/person-calendar.ts";
import type { Cadence, Period } from "../schedule/periods.ts";

export type PartnershipStatus = "active" | "paused" | "ended";

export interface PartnershipView {
  id: string;
  title: string;
  programme: string | null;
  programmeId: string | null;
  status: PartnershipStatus;
  cadence: Cadence;
  weekday: number;
  localHour: number;
  startedAt: Date;
  /** awayUntil: the last day (YYYY-MM-DD) of the member's days away covering today, if any. */
  members: readonly { personId: string; name: string; zone: string; awayUntil?: string | null }[];
  /** The viewer is a member (may change the cadence). */
  isMember: boolean;
  /** The viewer coordinates its programme (may pause, resume and end it). */
  coordinates: boolean;
  /** Period keys of check-ins whose period has not ended. */
  plannedKeys: readonly string[];
  /** The viewer's own prompts in those check-ins. */
  myPrompts: readonly { periodKey: string; status: string; dueAt: Date }[];
  /** The programme's answer window (the default one without a programme); absent: the default. */
  window?: AnswerWindow;
  /** The viewer's public holidays and days away, so the next check-in shown is where it will really land. */
  myCalendar?: { country: string | null; region: string | null; away: readonly AwayRange[] };
}

export type CadenceOutcome = "changed" | "unchanged" | "not-member" | "ended" | "unknown";
export type StatusOutcome = "changed" | "unchanged" | "not-coordinator" | "ended" | "unknown";

export interface PartnershipStore {
  /** The person's zone (as check-ins use it) and the partnerships they belong to or coordinate (not ended). */
  listFor(personId: string, now: Date): Promise<{ zone: string; partnerships: PartnershipView[] }>;
  /** One partnership as the person sees it, or null when it does not exist. */
  viewOf(partnershipId: string, personId: string, now: Date): Promise<PartnershipView | null>;
  /**
   * Sets the cadence when the person is a member and it has not ended; drops check-ins planned but not yet sent,
   * and marks `closePeriod` (the new cadence's current period, when its slot has passed) as done.
   */
  changeCadence(input: {
    partnershipId: string;
    personId: string;
    platform: string;
    cadence: Cadence;
    closePeriod: Period | null;
    now: Date;
  }): Promise<CadenceOutcome>;
  /** Pauses, resumes or ends it when the person coordinates its programme; written to the audit log. */
  setStatus(input: {
    partnershipId: string;
    personId: string;
    platform: string;
    status: PartnershipStatus;
    now: Date;
  }): Promise<StatusOutcome>;
}
