// The check-in prompt, its reminder and what replaces them once answered, in the neutral message vocabulary.

import type { DoorMessage } from "../door-traits.ts";
import { formatInstant } from "../local-date.ts";
import type { Block, Form, Message } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import { answerLabel, answerPhrase, CHECKIN_ANSWERS, type CheckinAnswer } from "./answers.ts";

export const CHECKIN_ANSWER_ACTION = "checkin.answer";
export const CHECKIN_NOTE_ACTION = "checkin.note";
/** Shows the viewer their own state of a check-in (a card's refresh): answered, still open, or closed. */
export const CHECKIN_VIEW_ACTION = "checkin.view";
export const CHECKIN_NOTE_INPUT = "checkin-note";
export const NOTE_MAX_LENGTH = TEXT_LIMITS.checkinNote;

const noteHint = "Your programme coordinator may read it. No patient details, please.";

/** The button value: the check-in and the answer, e.g. "3f2…:on_track". */
export function answerValue(checkinId: string, answer: CheckinAnswer): string {
  return `${checkinId}:${answer}`;
}

export interface PromptInput {
  checkinId: string;
  personId: string;
  title: string;
  /** The partnership's programme: the prompt only goes where that programme may be seen. */
  programmeId?: string | null;
  periodEnd: Date;
  zone: string;
  /** Sent after its due time because the bot was down. */
  late?: boolean;
  /** The one reminder rather than the prompt itself. */
  reminder?: boolean;
}

function answerButtons(checkinId: string): Block {
  return {
    type: "actions",
    buttons: CHECKIN_ANSWERS.map((answer) => ({
      label: answerLabel[answer],
      actionId: CHECKIN_ANSWER_ACTION,
      value: answerValue(checkinId, answer),
      ...(answer === "on_track" ? { style: "primary" as const } : {}),
    })),
  };
}

/**
 * The prompt (or reminder) as an outbox message: it carries an optional note input beside the buttons; where a
 * message cannot carry inputs (Slack) it has buttons only, and the note is asked for in a form after the click.
 */
export function promptOutgoing(input: PromptInput): OutgoingMessage {
  const question: Block = input.reminder
    ? { type: "text", text: ["A gentle reminder: how is ", { bold: input.title }, " going?"] }
    : { type: "text", text: ["How is ", { bold: input.title }, " going?"] };
  const until = `You can answer until ${formatInstant(input.periodEnd, input.zone)} (${input.zone}).`;
  const late = input.late ? " Sorry this comes late: I was offline when it was due." : "";
  const summary = `${input.reminder ? "Reminder: h" : "H"}ow is ${input.title} going?`;
  const note: Block = {
    type: "text-input",
    id: CHECKIN_NOTE_INPUT,
    label: "A short note (optional)",
    placeholder: "e.g. waiting for ethics approval",
    maxLength: NOTE_MAX_LENGTH,
    optional: true,
  };
  const kind = input.reminder ? "reminder" : "prompt";
  const message: DoorMessage = {
    summary,
    // Seen again (another device, or a card shared with the partnership), it shows each viewer their own answer.
    refresh: { actionId: CHECKIN_VIEW_ACTION, value: input.checkinId },
    blocks: [
      question,
      note,
      answerButtons(input.checkinId),
      { type: "context", text: `${until}${late} ${noteHint}` },
    ],
    withoutInputs: {
      summary,
      blocks: [
        question,
        answerButtons(input.checkinId),
        { type: "context", text: `${until}${late} One click is enough; you can add a note after it.` },
      ],
    },
  };
  return {
    kind: `checkin.${kind}`,
    dedupeKey: `checkin.${kind}:${input.checkinId}:${input.personId}`,
    to: { kind: "person", personId: input.personId, programmeId: input.programmeId ?? null },
    message,
  };
}

export function recordedMessage(title: string, answer: CheckinAnswer, withNote: boolean): Message {
  const text = `Recorded: ${answerPhrase[answer]} — thank you`;
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "context", text: `${title} check-in${withNote ? ", with your note" : ""}.` },
    ],
  };
}

export function alreadyRecordedMessage(title: string, answer: CheckinAnswer): Message {
  const text = `Recorded: ${answerPhrase[answer]} — you answered this check-in already, so nothing changed`;
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "context", text: `${title} check-in.` },
    ],
  };
}

export function closedMessage(title: string): Message {
  const text = "This check-in has closed";
  return {
    summary: text,
    blocks: [
      { type: "text", text: `${text}: answers were possible until the end of its period.` },
      { type: "context", text: `${title}. The next check-in comes as usual.` },
    ],
  };
}

/** The form that opens after the click where the prompt could not carry the note (a Slack modal). */
export function noteForm(checkinId: string, title: string, answer: CheckinAnswer): Form {
  return {
    title: "Add a note",
    submitActionId: CHECKIN_NOTE_ACTION,
    submitLabel: "Save note",
    value: checkinId,
    blocks: [
      {
        type: "text",
        text: [
          `Recorded: ${answerPhrase[answer]} for `,
          { bold: title },
          ". Anything to add? It is optional.",
        ],
      },
      {
        type: "text-input",
        id: CHECKIN_NOTE_INPUT,
        label: "Note",
        placeholder: "e.g. waiting for ethics approval",
        multiline: true,
        maxLength: NOTE_MAX_LENGTH,
        optional: true,
      },
      { type: "context", text: noteHint },
    ],
  };
}
