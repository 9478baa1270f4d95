// A coordinator's own check-in question: its choices (each mapped to on track / needs attention / blocked), how a
// button carries one, and the checks a question passes before it is stored (length, platform limits, the guard).
import type { FreeTextGuard } from "../free-text.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import { answerLabel, type CheckinAnswer, isCheckinAnswer } from "./answers.ts";

export interface CheckinChoice {
  /** As the button shows it; at most 75 characters (Slack's button text limit, and short on a Teams card). */
  label: string;
  /** What the digest counts it as. */
  state: CheckinAnswer;
}

export interface CheckinQuestion {
  /** The stored row: a button names the question it was drawn from, so a later change cannot remap it. */
  id: number;
  question: string;
  choices: readonly CheckinChoice[];
  /** Asked beside the buttons (or after the click) in place of "A short note". */
  freeTextQuestion: string | null;
}

/** Which question a coordinator sets: a whole programme's, or one partnership's (which wins over its programme's). */
export type QuestionScope = { kind: "programme"; id: string } | { kind: "partnership"; id: string };

/** Slack renders at most 25 buttons in an actions block, Teams a handful side by side: three fit both, and a person. */
export const MAX_CHOICES = 3;
export const MIN_CHOICES = 2;

/** A pressed custom choice: the question's row and the choice's position in it. */
export interface ChoiceRef {
  questionId: number;
  index: number;
}

/** "q12.1": the question row and the choice's index, after the check-in id and the mapped state in a button value. */
export function choiceToken(ref: ChoiceRef): string {
  return `q${ref.questionId}.${ref.index}`;
}

export function readChoiceToken(token: string | undefined): ChoiceRef | null {
  const match = /^q(\d{1,15})\.(\d)$/.exec(token ?? "");
  if (!match) return null;
  const index = Number(match[2]);
  return index < MAX_CHOICES ? { questionId: Number(match[1]), index } : null;
}

/** A stored choices column, read defensively: anything malformed is dropped rather than shown. */
export function readChoices(value: unknown): CheckinChoice[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== "object" || item === null) return [];
    const { label, state } = item as { label?: unknown; state?: unknown };
    return typeof label === "string" && typeof state === "string" && isCheckinAnswer(state)
      ? [{ label, state }]
      : [];
  });
}

/** How an answer reads: the choice pressed, with what it counts as when the words differ. */
export function answerText(answer: CheckinAnswer, choice: string | null | undefined): string {
  if (!choice) return answerLabel[answer];
  return choice.toLowerCase() === answerLabel[answer].toLowerCase()
    ? choice
    : `${choice} (${answerLabel[answer].toLowerCase()})`;
}

/** What a coordinator typed into the form, before it is checked. */
export interface QuestionDraft {
  question: string;
  /** Up to three (label, state) pairs; a pair with an empty label is left out. */
  choices: readonly { label: string; state: string }[];
  freeTextQuestion: string;
}

export type QuestionCheck =
  | { ok: true; question: Omit<CheckinQuestion, "id"> }
  | { ok: false; errors: Record<string, string> };

/** Input ids of the form, shared with the checks so each problem lands beside its field. */
export const QUESTION_INPUT = "question";
export const FREE_TEXT_INPUT = "free-text-question";
export const choiceInput = (i: number) => `choice-${i + 1}`;
export const stateInput = (i: number) => `state-${i + 1}`;

/**
 * Checks a draft: question and free-text question within TEXT_LIMITS.checkinQuestion, two or three distinct choices
 * within TEXT_LIMITS.checkinChoice each mapped to a state, and every piece of text through the patient-data guard.
 */
export async function checkQuestionDraft(
  draft: QuestionDraft,
  freeText: FreeTextGuard,
): Promise<QuestionCheck> {
  const errors: Record<string, string> = {};
  const question = draft.question.trim().replace(/\s+/g, " ");
  const freeTextQuestion = draft.freeTextQuestion.trim().replace(/\s+/g, " ");
  const limit = TEXT_LIMITS.checkinQuestion;
  if (!question)
    errors[QUESTION_INPUT] = "Write the question members answer, e.g. “Are the samples on schedule?”";
  else if (question.length > limit)
    errors[QUESTION_INPUT] =
      `Please keep the question under ${limit} characters (it has ${question.length}).`;
  if (freeTextQuestion.length > limit)
    errors[FREE_TEXT_INPUT] = `Please keep it under ${limit} characters (it has ${freeTextQuestion.length}).`;
  const choices: CheckinChoice[] = [];
  const seen = new Set<string>();
  draft.choices.slice(0, MAX_CHOICES).forEach((raw, i) => {
    const label = raw.label.trim().replace(/\s+/g, " ");
    if (!label) return;
    if (label.length > TEXT_LIMITS.checkinChoice) {
      errors[choiceInput(i)] =
        `A button holds ${TEXT_LIMITS.checkinChoice} characters at most (this has ${label.length}).`;
    } else if (seen.has(label.toLowerCase())) {
      errors[choiceInput(i)] = "Two choices read the same: members could not tell them apart.";
    } else if (!isCheckinAnswer(raw.state)) {
      errors[stateInput(i)] = "Choose what this answer counts as in the digest.";
    } else {
      seen.add(label.toLowerCase());
      choices.push({ label, state: raw.state });
    }
  });
  if (draft.choices.filter((c) => c.label.trim()).length < MIN_CHOICES && !errors[choiceInput(0)]) {
    errors[choiceInput(0)] = `Give at least ${MIN_CHOICES} answer choices (up to ${MAX_CHOICES}).`;
  }
  // The guard last, on text that passed the other checks: its refusal names kinds of identifier, never the text.
  const texts: [string, string][] = [
    [QUESTION_INPUT, question],
    [FREE_TEXT_INPUT, freeTextQuestion],
    ...choices.map((c, i) => [choiceInput(i), c.label] as [string, string]),
  ];
  for (const [input, text] of texts) {
    if (!text || errors[input]) continue;
    const verdict = await freeText.check(text);
    if (!verdict.ok) errors[input] = verdict.reason;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, question: { question, choices, freeTextQuestion: freeTextQuestion || null } };
}
