// The three answers to a check-in, as stored and as people read them.

export type CheckinAnswer = "on_track" | "needs_attention" | "blocked";

export const CHECKIN_ANSWERS: readonly CheckinAnswer[] = ["on_track", "needs_attention", "blocked"];

/** As a button shows it. */
export const answerLabel: Record<CheckinAnswer, string> = {
  on_track: "On track",
  needs_attention: "Needs attention",
  blocked: "Blocked",
};

/** As a sentence shows it: "Recorded: on track". */
export const answerPhrase: Record<CheckinAnswer, string> = {
  on_track: "on track",
  needs_attention: "needs attention",
  blocked: "blocked",
};

export function isCheckinAnswer(value: string): value is CheckinAnswer {
  return (CHECKIN_ANSWERS as readonly string[]).includes(value);
}
