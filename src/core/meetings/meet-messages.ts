// The words of "Did you meet?": the ask with its three buttons, and what replaces it once answered.
import type { Block, Message, PersonRef, Span } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { MeetAnswer } from "./meet-port.ts";

export const MEET_ACTION_PREFIX = "meet:";
export const MEET_YES = "meet:yes";
export const MEET_NOT_YET = "meet:not-yet";
export const MEET_NOT_FIT = "meet:not-fit";

/** The answer each button gives. */
export const MEET_ANSWERS: Readonly<Record<string, MeetAnswer>> = {
  [MEET_YES]: "yes",
  [MEET_NOT_YET]: "not_yet",
  [MEET_NOT_FIT]: "not_fit",
};

const text = (value: string | Span[]): Block => ({ type: "text", text: value });

/** The ask, as an outbox message to one of the two. */
export function meetAskOutgoing(input: {
  askId: string;
  personId: string;
  other: PersonRef;
  round: number;
  programmeId: string | null;
}): OutgoingMessage {
  const { other, askId } = input;
  const opening: Span[] =
    input.round === 1
      ? ["A week ago I introduced you to ", { mention: other }, ". Did you meet?"]
      : ["Last week you hadn't met ", { mention: other }, " yet. Did you meet since?"];
  const closing =
    input.round === 1
      ? "Your answer is yours alone: I never tell the other person, and “Not a good fit” quietly ends the partnership."
      : "I won't ask again after this. Your answer is yours alone: I never tell the other person.";
  return {
    kind: "meet.ask",
    to: { kind: "person", personId: input.personId, programmeId: input.programmeId },
    dedupeKey: `meet.ask:${askId}`,
    message: {
      summary: `Did you meet ${other.name}?`,
      blocks: [
        { type: "header", text: "Did you meet?" },
        text(opening),
        {
          type: "actions",
          buttons: [
            { label: "Yes", actionId: MEET_YES, value: askId, style: "primary" },
            { label: "Not yet", actionId: MEET_NOT_YET, value: askId },
            { label: "Not a good fit", actionId: MEET_NOT_FIT, value: askId },
          ],
        },
        { type: "context", text: closing },
      ],
    },
  };
}

/** What the ask turns into once answered; `ended` when the partnership had ended already (never says why). */
export function meetAnsweredCard(input: {
  answer: MeetAnswer;
  other: PersonRef | null;
  askedAgainOn: string | null;
  alreadyEnded: boolean;
}): Message {
  const other: Span = input.other ? { mention: input.other } : "your partner";
  const name = input.other?.name ?? "your partner";
  if (input.alreadyEnded) {
    return {
      summary: "Thanks for letting me know.",
      blocks: [{ type: "header", text: "Did you meet?" }, text("Thanks for letting me know.")],
    };
  }
  const lines: Record<MeetAnswer, { summary: string; text: Span[] }> = {
    yes: {
      summary: `Great: you met ${name}.`,
      text: [
        "Great, you met ",
        other,
        ". I've marked your partnership as started; check-ins carry on every other week.",
      ],
    },
    not_yet: input.askedAgainOn
      ? {
          summary: "No rush: I'll ask again in a week.",
          text: ["No rush. I'll ask again on ", input.askedAgainOn, " whether you've met ", other, "."],
        }
      : {
          summary: "Noted: I won't ask again.",
          text: [
            "Noted. I won't ask again; your partnership with ",
            other,
            " stays open whenever you're ready.",
          ],
        },
    not_fit: {
      summary: "Thanks for telling me.",
      text: [
        "Thanks for telling me: that helps. I've quietly ended the partnership with ",
        other,
        " and will suggest you to each other less. They are not told of your answer.",
      ],
    },
  };
  const line = lines[input.answer];
  return { summary: line.summary, blocks: [{ type: "header", text: "Did you meet?" }, text(line.text)] };
}
