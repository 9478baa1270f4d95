// What the answer-window command needs from storage; src/db/answer-window-store.ts implements it (audited).
import type { AnswerWindow } from "./answer-window.ts";

export interface ProgrammeWindow {
  id: string;
  name: string;
  window: AnswerWindow;
}

export interface AnswerWindowStore {
  windowsOf(programmeIds: readonly string[]): Promise<ProgrammeWindow[]>;
  /** Sets the programme's window and writes the change to the audit log in one transaction. */
  setWindow(input: {
    programmeId: string;
    window: AnswerWindow;
    by: string;
    platform: string;
  }): Promise<void>;
}
