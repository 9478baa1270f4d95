// What custom check-in questions need from storage; src/db/checkin-question-store.ts implements it (audited writes).
import type { CheckinQuestion, QuestionScope } from "./custom-question.ts";

export interface ScopedPartnership {
  id: string;
  title: string;
  programmeId: string;
}

export interface QuestionStore {
  /** The partnerships (not ended) of these programmes, by title: what a coordinator may set a question for. */
  partnershipsOf(programmeIds: readonly string[]): Promise<ScopedPartnership[]>;
  /** The question in force for the scope (a partnership without its own asks its programme's); null: the standard one. */
  current(scope: QuestionScope): Promise<CheckinQuestion | null>;
  /** The question a pressed button names, when it is one that may be asked in this check-in; null otherwise. */
  forCheckin(checkinId: string, questionId: number): Promise<CheckinQuestion | null>;
  /** Sets the scope's question (null: back to the one above it); written to the audit log without its text. */
  save(input: {
    scope: QuestionScope;
    question: Omit<CheckinQuestion, "id"> | null;
    by: string;
    platform: string;
    at: Date;
  }): Promise<void>;
}
