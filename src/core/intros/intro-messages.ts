// The words of an intro: the request the candidate answers, the introductions, and the notes to the requester.
import type { Block, Message, PersonRef, Platform, Span } from "../message.ts";
import type { Profile } from "../profile/profile-port.ts";
import { profileFields } from "../profile/profile-summary.ts";

export const INTRO_ACCEPT_ACTION = "intro.accept";
export const INTRO_DECLINE_ACTION = "intro.decline";

const NEED_SHOWN = 500;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const text = (value: string | Span[]): Block => ({ type: "text", text: value });
const message = (summary: string, blocks: Block[]): Message => ({ summary, blocks });

/** What the candidate receives: who asks, their profile, the need, and Accept / Decline. */
export function introRequestMessage(input: {
  introId: string;
  requester: PersonRef;
  requesterProfile: Profile | null;
  need: string;
  expiresAt: Date;
  formatDay: (at: Date) => string;
}): Message {
  const { requester } = input;
  return message(`${requester.name} would like an introduction.`, [
    { type: "header", text: "Intro request" },
    text([{ mention: requester }, " would like an introduction. They are looking for:"]),
    text(`“${clip(input.need, NEED_SHOWN)}”`),
    ...(input.requesterProfile ? profileFields(input.requesterProfile) : []),
    {
      type: "actions",
      buttons: [
        { label: "Accept", actionId: INTRO_ACCEPT_ACTION, value: input.introId, style: "primary" },
        { label: "Decline", actionId: INTRO_DECLINE_ACTION, value: input.introId },
      ],
    },
    {
      type: "context",
      text: `Accept and I'll introduce you and set up fortnightly check-ins. Decline and I'll tell them kindly, without reasons. Open until ${input.formatDay(input.expiresAt)}.`,
    },
  ]);
}

/** What a platform is called in "reach them on …"; the terminal chat is no place where others can reach someone. */
const PLACE_NAMES: Readonly<Record<Platform, string | null>> = {
  slack: "Slack",
  teams: "Teams",
  console: null,
};

function platformsOf(person: PersonRef): string {
  const names = [...new Set(person.identities.map((i) => PLACE_NAMES[i.platform]))].filter(
    (name): name is string => name !== null,
  );
  return names.join(" and ");
}

/** How to reach someone: the platforms they use (the mention works where it can) and their email when known. */
function reachLine(other: PersonRef, email: string | null): Span[] {
  const spans: Span[] = ["Reach them: "];
  const platforms = platformsOf(other);
  spans.push({ mention: { id: other.id, name: other.name, identities: other.identities } });
  if (platforms) spans.push(` on ${platforms}`);
  if (email) spans.push(", or by email at ", { link: `mailto:${email}`, text: email });
  spans.push(".");
  return spans;
}

/** The introduction each of the two receives, naming the other. */
export function introductionMessage(input: {
  other: PersonRef;
  otherProfile: Profile | null;
  need: string;
  /** Whether the reader asked for the intro (else they accepted it). */
  readerAsked: boolean;
}): Message {
  const { other } = input;
  const opening: Span[] = input.readerAsked
    ? [{ mention: other }, " accepted your intro request. Say hello!"]
    : ["You accepted the intro request of ", { mention: other }, ". Say hello!"];
  return message(`Meet ${other.name}`, [
    { type: "header", text: `Meet ${other.name}` },
    text(opening),
    ...(input.otherProfile ? profileFields(input.otherProfile) : []),
    text(`The need: “${clip(input.need, NEED_SHOWN)}”`),
    text(reachLine(other, input.otherProfile?.email ?? null)),
    {
      type: "context",
      text: "I've set you up as partners with a check-in every other week. A quick tick keeps your coordinator informed; in a week I'll ask each of you whether you met.",
    },
  ]);
}

/** The candidate's request card after they answered (it replaces the card with the buttons). */
export function answeredCard(requester: PersonRef, outcome: "accepted" | "declined" | "expired"): Message {
  const lines = {
    accepted: [
      "You accepted — I've introduced you to ",
      { mention: requester },
      " and set up fortnightly check-ins.",
    ],
    declined: ["You declined — I've let ", { mention: requester }, " know kindly, without reasons."],
    expired: [
      "This intro request from ",
      { mention: requester },
      " has expired: requests stay open for a week.",
    ],
  } satisfies Record<string, Span[]>;
  const summary = {
    accepted: "You accepted the intro.",
    declined: "You declined the intro.",
    expired: "This intro request has expired.",
  };
  return message(summary[outcome], [{ type: "header", text: "Intro request" }, text(lines[outcome])]);
}

export function declinedNote(candidate: PersonRef): Message {
  return message(`${candidate.name} can't take this on right now.`, [
    text([
      { mention: candidate },
      " can't take on your intro request right now. That happens, and it says nothing about your work: ask again with other words, or try the next person on your list.",
    ]),
  ]);
}

export function expiredNote(candidate: PersonRef, formatDay: (at: Date) => string, createdAt: Date): Message {
  return message(`Your intro request to ${candidate.name} has expired.`, [
    text([
      "Your intro request to ",
      { mention: candidate },
      ` (sent ${formatDay(createdAt)}) had no answer within a week, so I've closed it. People get busy: try the next person on your list, or ask again later.`,
    ]),
  ]);
}
