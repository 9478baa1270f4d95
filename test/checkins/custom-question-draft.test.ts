// A coordinator's question draft: what the form refuses beside each field before anything is stored.
import { describe, expect, it } from "vitest";
import {
  checkQuestionDraft,
  type QuestionDraft,
  readChoiceToken,
} from "../../src/core/checkins/custom-question.ts";
import { strictFreeTextGuard } from "../../src/core/free-text.ts";

const draft = (overrides: Partial<QuestionDraft> = {}): QuestionDraft => ({
  question: "Are the samples on schedule?",
  choices: [
    { label: "Samples in", state: "on_track" },
    { label: "Waiting", state: "needs_attention" },
    { label: "", state: "blocked" },
  ],
  freeTextQuestion: "",
  ...overrides,
});

describe("checking a custom question", () => {
  it("keeps two filled choices, leaves an empty one out and trims the words", async () => {
    const checked = await checkQuestionDraft(
      draft({ question: "  Are the   samples on schedule? " }),
      strictFreeTextGuard,
    );
    expect(checked).toEqual({
      ok: true,
      question: {
        question: "Are the samples on schedule?",
        choices: [
          { label: "Samples in", state: "on_track" },
          { label: "Waiting", state: "needs_attention" },
        ],
        freeTextQuestion: null,
      },
    });
  });

  it("refuses two choices that read the same, a state the digest does not know, and a question too long", async () => {
    const checked = await checkQuestionDraft(
      draft({
        question: "q".repeat(151),
        choices: [
          { label: "Fine", state: "on_track" },
          { label: "fine", state: "blocked" },
          { label: "Odd", state: "maybe" },
        ],
      }),
      strictFreeTextGuard,
    );
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? {} : checked.errors;
    expect(Object.keys(errors).sort()).toEqual(["choice-2", "question", "state-3"]);
    expect(errors.question).toContain("150 characters");
  });

  it("runs the free-text question and each choice through the patient-data guard", async () => {
    const checked = await checkQuestionDraft(
      draft({
        freeTextQuestion: "Call 07700 900123 if stuck?",
        choices: [
          { label: "MRN 12345678 seen", state: "on_track" },
          { label: "Waiting", state: "needs_attention" },
        ],
      }),
      strictFreeTextGuard,
    );
    const errors = checked.ok ? {} : checked.errors;
    expect(Object.keys(errors).sort()).toEqual(["choice-1", "free-text-question"]);
    expect(JSON.stringify(errors)).not.toContain("07700");
  });

  it("reads only well-formed choice tokens from a button", () => {
    expect(readChoiceToken("q12.2")).toEqual({ questionId: 12, index: 2 });
    for (const bad of ["q12.3", "q.1", "12.1", "q12", "q1e3.0", undefined])
      expect(readChoiceToken(bad)).toBeNull();
  });
});
