// The `/collab question` form: which programme or partnership, the question, up to three choices each mapped to a
// state the digest counts, and an optional free-text question; and reading a submission back.
import type { Block, ChoiceOption, Form } from "../message.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import { answerLabel, CHECKIN_ANSWERS, type CheckinAnswer } from "./answers.ts";
import {
  type CheckinQuestion,
  choiceInput,
  FREE_TEXT_INPUT,
  MAX_CHOICES,
  QUESTION_INPUT,
  type QuestionDraft,
  type QuestionScope,
  stateInput,
} from "./custom-question.ts";

export const CHECKIN_QUESTION_ACTION = "checkin.question";
export const SCOPE_INPUT = "scope";

/** A programme or partnership the coordinator may set the question of, as the form lists it. */
export interface ScopeChoice {
  scope: QuestionScope;
  label: string;
  /** The programme's name or the partnership's title, as a coordinator types it after the command. */
  name: string;
}

export const scopeValue = (scope: QuestionScope) => `${scope.kind}:${scope.id}`;

export function readScope(value: string): QuestionScope | null {
  const [kind = "", id = ""] = value.split(":");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return kind === "programme" || kind === "partnership" ? { kind, id: id.toLowerCase() } : null;
}

/** The standard question's choices, offered when a scope has no question of its own yet. */
const STANDARD: readonly { label: string; state: CheckinAnswer }[] = CHECKIN_ANSWERS.map((state) => ({
  label: answerLabel[state],
  state,
}));

const stateOptions: ChoiceOption[] = CHECKIN_ANSWERS.map((state) => ({
  label: `counts as ${answerLabel[state].toLowerCase()}`,
  value: state,
}));

/**
 * One form whatever the door: a Slack modal, a Teams card with inputs, questions one by one in the terminal.
 * `fixed`: the scope named in the command (carried in the form's value); otherwise the form asks which.
 */
export function questionForm(input: {
  scopes: readonly ScopeChoice[];
  fixed: ScopeChoice | null;
  current: CheckinQuestion | null;
}): Form {
  const { current, fixed } = input;
  const choices = current?.choices ?? STANDARD;
  const blocks: Block[] = [
    fixed
      ? { type: "text", text: ["The check-in question for ", { bold: fixed.label }, "."] }
      : {
          type: "choice",
          id: SCOPE_INPUT,
          label: "For",
          // Slack's select holds 100 options; a coordinator with more names one in the command instead.
          options: input.scopes.slice(0, 100).map((s) => ({ label: s.label, value: scopeValue(s.scope) })),
        },
    {
      type: "text-input",
      id: QUESTION_INPUT,
      label: "Question",
      placeholder: "e.g. Are the samples on schedule?",
      ...(current ? { initial: current.question } : {}),
      maxLength: TEXT_LIMITS.checkinQuestion,
      optional: true,
    },
  ];
  for (let i = 0; i < MAX_CHOICES; i++) {
    const choice = choices[i];
    blocks.push(
      {
        type: "text-input",
        id: choiceInput(i),
        label: `Answer ${i + 1}`,
        ...(choice ? { initial: choice.label } : {}),
        maxLength: TEXT_LIMITS.checkinChoice,
        optional: i >= 2,
      },
      {
        type: "choice",
        id: stateInput(i),
        label: `Answer ${i + 1} in the digest`,
        options: stateOptions,
        initial: choice?.state ?? CHECKIN_ANSWERS[i] ?? "on_track",
      },
    );
  }
  blocks.push(
    {
      type: "text-input",
      id: FREE_TEXT_INPUT,
      label: "Free-text question (optional)",
      placeholder: "e.g. What is the next step?",
      ...(current?.freeTextQuestion ? { initial: current.freeTextQuestion } : {}),
      maxLength: TEXT_LIMITS.checkinQuestion,
      optional: true,
    },
    {
      type: "context",
      text: "Members see the question with one button per answer; the digest counts each answer as you map it. Leave the question empty to go back to the standard one. No patient details, please.",
    },
  );
  return {
    title: "Check-in question",
    submitActionId: CHECKIN_QUESTION_ACTION,
    submitLabel: "Save",
    blocks,
    ...(fixed ? { value: scopeValue(fixed.scope) } : {}),
  };
}

const one = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? "") : (value ?? "");

/** The submission's scope and draft; an empty question means "back to the standard question". */
export function readQuestionForm(
  inputs: Record<string, string | string[]>,
  value: string,
): { scope: QuestionScope | null; reset: boolean; draft: QuestionDraft } {
  const scope = readScope(one(inputs[SCOPE_INPUT]) || value);
  const draft: QuestionDraft = {
    question: one(inputs[QUESTION_INPUT]),
    choices: Array.from({ length: MAX_CHOICES }, (_, i) => ({
      label: one(inputs[choiceInput(i)]),
      state: one(inputs[stateInput(i)]),
    })),
    freeTextQuestion: one(inputs[FREE_TEXT_INPUT]),
  };
  return { scope, reset: draft.question.trim() === "", draft };
}
