// What `/collab history` needs from storage; src/db/checkin-history-store.ts implements it.
import type { CheckinAnswer } from "./answers.ts";

/** A partnership as history looks it up by name, with who may read it. */
export interface HistoryPartnership {
  id: string;
  title: string;
  programmeId: string | null;
  memberIds: readonly string[];
  startedAt: Date;
}

/** One member's part in one check-in. status: pending | sent | answered | skipped | unreachable */
export interface HistoryAnswer {
  personId: string;
  name: string;
  status: string;
  answer: CheckinAnswer | null;
  choice: string | null;
  note: string | null;
}

export interface HistoryCheckin {
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  answers: readonly HistoryAnswer[];
}

export interface HistoryStore {
  /** Every partnership with this title (any case, any status): the caller decides which the asker may read. */
  partnershipsNamed(title: string): Promise<HistoryPartnership[]>;
  /** The partnership's latest `limit` check-ins that have begun by `now`, newest first, with each member's answer. */
  history(partnershipId: string, limit: number, now: Date): Promise<HistoryCheckin[]>;
}
