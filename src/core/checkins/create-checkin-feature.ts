// Answering a check-in: one click records it and replaces the prompt in place; a note comes with it, or in a form after it.
import { messageForDoor } from "../door-traits.ts";
import { type ActionContext, type CoreFeature, type Reply, textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { answerLabel, isCheckinAnswer } from "./answers.ts";
import {
  alreadyRecordedMessage,
  CHECKIN_ANSWER_ACTION,
  CHECKIN_NOTE_ACTION,
  CHECKIN_NOTE_INPUT,
  CHECKIN_VIEW_ACTION,
  closedMessage,
  NOTE_MAX_LENGTH,
  noteForm,
  promptOutgoing,
  recordedMessage,
} from "./checkin-messages.ts";
import type { CheckinStore } from "./checkin-port.ts";
import { readChoiceToken } from "./custom-question.ts";
import type { QuestionStore } from "./question-port.ts";

export interface CheckinFeatureDeps {
  checkins: CheckinStore;
  /** Coordinators' questions: a custom choice's button names one, read back to store the choice it showed. */
  questions: QuestionStore;
  /** The patient-data guard, knowing members' email addresses. */
  freeText: FreeTextGuard;
}

const NO_PROFILE =
  "I can't match your chat account to a profile, so I can't record this. Ask your programme coordinator to add you.";
const noProfile = textReply(NO_PROFILE);
const staleButton = textReply("That button no longer works. Your next check-in will come as usual.");
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function noteOf(context: ActionContext): string {
  const value = context.inputs[CHECKIN_NOTE_INPUT];
  return typeof value === "string" ? value.trim() : "";
}

/** The single place a check-in note is checked before it is stored: length, then the patient-data guard. */
async function checkNote(note: string, freeText: FreeTextGuard): Promise<string | null> {
  if (note.length > NOTE_MAX_LENGTH) {
    return `Please keep the note under ${NOTE_MAX_LENGTH} characters (it has ${note.length}).`;
  }
  const verdict = await freeText.check(note);
  return verdict.ok ? null : verdict.reason;
}

export function createCheckinFeature(deps: CheckinFeatureDeps): CoreFeature {
  const { checkins } = deps;
  const freeText = deps.freeText;

  async function answer(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    const [checkinId = "", state = "", token] = context.value.split(":");
    if (!uuidPattern.test(checkinId) || !isCheckinAnswer(state)) return staleButton;
    // A custom choice: the stored question decides its words and what it counts as, not the button's text.
    const ref = token === undefined ? null : readChoiceToken(token);
    if (token !== undefined && !ref) return staleButton;
    const question = ref ? await deps.questions.forCheckin(checkinId, ref.questionId) : null;
    const picked = ref ? question?.choices[ref.index] : undefined;
    if (ref && !picked) return staleButton;
    const choice = picked && question ? { label: picked.label, questionId: question.id } : null;
    const answerState = picked?.state ?? state;
    const note = noteOf(context);
    if (note) {
      // Refused notes are neither stored nor logged; the form stays open on the note so it can be rephrased
      // (Teams: a note under the card, which keeps what was typed; the terminal asks for the note again).
      const problem = await checkNote(note, freeText);
      if (problem)
        return { kind: "invalid", errors: { [CHECKIN_NOTE_INPUT]: `Nothing was recorded yet. ${problem}` } };
    }
    const outcome = await checkins.recordAnswer({
      checkinId,
      personId: context.personId,
      answer: answerState,
      choice,
      note: note || null,
      at: context.now,
    });
    switch (outcome.kind) {
      case "recorded": {
        context.record(`you answered “${outcome.choice ?? answerLabel[outcome.answer]}”`);
        const message = recordedMessage(outcome.title, outcome.answer, Boolean(note), outcome.choice);
        const custom = outcome.choice
          ? { choice: outcome.choice, freeTextQuestion: question?.freeTextQuestion ?? null }
          : undefined;
        // A door whose messages cannot carry the note asks for it in a form after the click; the answer is recorded.
        return context.actor.door.inlineInputs
          ? { kind: "update", message }
          : { kind: "update", message, form: noteForm(checkinId, outcome.title, outcome.answer, custom) };
      }
      case "already":
        return {
          kind: "update",
          message: alreadyRecordedMessage(outcome.title, outcome.answer, outcome.choice),
        };
      case "closed":
        return { kind: "update", message: closedMessage(outcome.title) };
      case "unknown":
        return staleButton;
    }
  }

  /** The check-in as this viewer should see it now: their answer, their still-open prompt, or closed. */
  async function view(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    if (!uuidPattern.test(context.value)) return staleButton;
    const state = await checkins.promptState({
      checkinId: context.value,
      personId: context.personId,
      at: context.now,
    });
    switch (state.kind) {
      case "answered":
        return { kind: "update", message: recordedMessage(state.title, state.answer, state.withNote) };
      case "open": {
        const prompt = promptOutgoing({
          checkinId: context.value,
          personId: context.personId,
          title: state.title,
          programmeId: state.programmeId,
          periodEnd: state.periodEnd,
          zone: state.zone,
        });
        return { kind: "update", message: messageForDoor(prompt.message, context.actor.door) };
      }
      case "closed":
        return { kind: "update", message: closedMessage(state.title) };
      case "unknown":
        return staleButton;
    }
  }

  async function saveNote(context: ActionContext): Promise<Reply> {
    const note = noteOf(context);
    if (!note) return { kind: "none" };
    if (!context.personId) return noProfile;
    if (!uuidPattern.test(context.value)) return staleButton;
    const problem = await checkNote(note, freeText);
    if (problem) return { kind: "invalid", errors: { [CHECKIN_NOTE_INPUT]: problem } };
    const outcome = await checkins.saveNote({
      checkinId: context.value,
      personId: context.personId,
      note,
      at: context.now,
    });
    switch (outcome) {
      case "saved":
        return { kind: "none" };
      case "closed":
        return {
          kind: "invalid",
          errors: { [CHECKIN_NOTE_INPUT]: "This check-in has closed; the note was not saved." },
        };
      case "unanswered":
        return {
          kind: "invalid",
          errors: { [CHECKIN_NOTE_INPUT]: "Answer the check-in first, then add a note." },
        };
      case "unknown":
        return staleButton;
    }
  }

  return {
    actions: [
      {
        actionId: CHECKIN_ANSWER_ACTION,
        access: "member",
        refusal: NO_PROFILE,
        // One answer per person's prompt, whichever of its buttons; recordAnswer's own "already" stays the
        // guard for answers given before the ledger existed.
        presses: {
          kind: "once",
          prompt: ({ value, personId }) => {
            const [checkinId = ""] = value.split(":");
            return uuidPattern.test(checkinId) && personId
              ? `checkin.prompt:${checkinId.toLowerCase()}:${personId}`
              : null;
          },
        },
        run: answer,
      },
      // A card's refresh for whoever views it: shows, changes nothing.
      {
        actionId: CHECKIN_VIEW_ACTION,
        access: "member",
        refusal: NO_PROFILE,
        presses: { kind: "reads" },
        run: view,
      },
      // The note replaces the one before it: sending it again leaves the same note.
      {
        actionId: CHECKIN_NOTE_ACTION,
        access: "member",
        refusal: NO_PROFILE,
        presses: { kind: "sets" },
        run: saveNote,
      },
    ],
  };
}
