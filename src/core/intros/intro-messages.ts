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

/**
 * What the candidate receives: who asks, their profile, the need, and Accept / Decline. A warm-path ask names whom
 * the candidate (a co-author of both) is asked to introduce the requester to; a request passed on by such a
 * co-author names them.
 */
export function introRequestMessage(input: {
  introId: string;
  requester: PersonRef;
  requesterProfile: Profile | null;
  need: string;
  expiresAt: Date;
  formatDay: (at: Date) => string;
  /** A warm-path ask: whom the reader is asked to introduce the requester to. */
  target?: PersonRef;
  /** The co-author who passed this request on. */
  introducedBy?: PersonRef;
}): Message {
  const { requester, target, introducedBy } = input;
  const open = `Open until ${input.formatDay(input.expiresAt)}.`;
  const decline = "Decline and I'll tell them kindly, without reasons.";
  const ask: Span[] = target
    ? [
        { mention: requester },
        " asks you to introduce them to ",
        // The name alone (the institution would break the sentence); the person is mentioned where they can be.
        { mention: { id: target.id, name: target.name, identities: target.identities } },
        " — you've written papers with both. They are looking for:",
      ]
    : introducedBy
      ? [
          { mention: requester },
          " would like an introduction, passed on by ",
          { mention: introducedBy },
          ", who has written papers with you both. They are looking for:",
        ]
      : [{ mention: requester }, " would like an introduction. They are looking for:"];
  const after = target
    ? `Accept and I'll send ${target.name} their request, saying it comes through you; ${target.name} can accept or decline. ${decline} ${open}`
    : `Accept and I'll introduce you and set up fortnightly check-ins. ${decline} ${open}`;
  const summary = target
    ? `${requester.name} asks you to introduce them to ${target.name} — you've written papers with both.`
    : `${requester.name} would like an introduction.`;
  return message(summary, [
    { type: "header", text: "Intro request" },
    text(ask),
    text(`“${clip(input.need, NEED_SHOWN)}”`),
    ...(input.requesterProfile ? profileFields(input.requesterProfile) : []),
    {
      type: "actions",
      buttons: [
        { label: "Accept", actionId: INTRO_ACCEPT_ACTION, value: input.introId, style: "primary" },
        { label: "Decline", actionId: INTRO_DECLINE_ACTION, value: input.introId },
      ],
    },
    { type: "context", text: after },
  ]);
}

/** Why a warm-path ask the co-author accepted was not passed on to its target. */
export type NotPassedOn = "unavailable" | "partners" | "pending";

/** The co-author's card when they accepted a warm-path ask that could not go on to its target. */
export function notPassedOnCard(requester: PersonRef, target: PersonRef, why: NotPassedOn): Message {
  const reason: Record<NotPassedOn, string> = {
    unavailable: `${target.name} is not taking intro requests at the moment, so I've told them to try later.`,
    partners: `they and ${target.name} are partners already, so I've told them.`,
    pending: `${target.name} has their intro request already.`,
  };
  return message("You accepted the intro.", [
    { type: "header", text: "Intro request" },
    text(["You accepted — thank you. About ", { mention: requester }, `: ${reason[why]}`]),
  ]);
}

/** What the requester hears when the co-author accepted their warm-path ask. */
export function passedOnNote(input: { via: PersonRef; target: PersonRef; notPassed?: NotPassedOn }): Message {
  const { via, target } = input;
  const agreed: Span[] = [{ mention: via }, " agreed to introduce you to ", { mention: target }];
  const rest: Record<NotPassedOn | "sent", string> = {
    sent: `. I've sent ${target.name} your request, saying it comes through ${via.name}; I'll tell you when they answer.`,
    unavailable: `, but ${target.name} is not taking intro requests at the moment: try again later.`,
    partners: `; you and ${target.name} are partners already.`,
    pending: `; ${target.name} has your intro request already, and I'll tell you when they answer.`,
  };
  return message(`${via.name} agreed to introduce you to ${target.name}.`, [
    text([...agreed, rest[input.notPassed ?? "sent"]]),
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
  /** The co-author who passed the request on, when it came through a warm-path ask. */
  introducedBy?: PersonRef;
}): Message {
  const { other, introducedBy } = input;
  const through: Span[] = introducedBy ? [" (introduced by ", { mention: introducedBy }, ")"] : [];
  const opening: Span[] = input.readerAsked
    ? [{ mention: other }, " accepted your intro request", ...through, ". Say hello!"]
    : ["You accepted the intro request of ", { mention: other }, ...through, ". Say hello!"];
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
export function answeredCard(
  requester: PersonRef,
  outcome: "accepted" | "declined" | "expired",
  /** A warm-path ask: whom the reader was asked to introduce the requester to. */
  target?: PersonRef,
): Message {
  const lines = {
    accepted: target
      ? [
          "You accepted — thank you. I've passed on the request of ",
          { mention: requester },
          " to ",
          { mention: target },
          ", saying it comes through you.",
        ]
      : [
          "You accepted — I've introduced you to ",
          { mention: requester },
          " and set up fortnightly check-ins.",
        ],
    declined: ["You declined — I've let ", { mention: requester }, " know kindly, without reasons."],
    expired: target
      ? [
          "This request from ",
          { mention: requester },
          " to introduce them to ",
          { mention: target },
          " has expired: requests stay open for a week.",
        ]
      : ["This intro request from ", { mention: requester }, " has expired: requests stay open for a week."],
  } satisfies Record<string, Span[]>;
  const summary = {
    accepted: "You accepted the intro.",
    declined: "You declined the intro.",
    expired: "This intro request has expired.",
  };
  return message(summary[outcome], [{ type: "header", text: "Intro request" }, text(lines[outcome])]);
}

export function declinedNote(candidate: PersonRef, target?: PersonRef): Message {
  if (target) {
    return message(`${candidate.name} can't introduce you to ${target.name} right now.`, [
      text([
        { mention: candidate },
        " can't introduce you to ",
        { mention: target },
        " right now. That happens, and it says nothing about your work: you can still request an intro to them directly.",
      ]),
    ]);
  }
  return message(`${candidate.name} can't take this on right now.`, [
    text([
      { mention: candidate },
      " can't take on your intro request right now. That happens, and it says nothing about your work: ask again with other words, or try the next person on your list.",
    ]),
  ]);
}

export function expiredNote(
  candidate: PersonRef,
  formatDay: (at: Date) => string,
  createdAt: Date,
  /** A warm-path ask: whom the candidate was asked to introduce the requester to. */
  target?: PersonRef,
): Message {
  const what: Span[] = target
    ? ["Your request that ", { mention: candidate }, " introduce you to ", { mention: target }]
    : ["Your intro request to ", { mention: candidate }];
  return message(`Your intro request to ${candidate.name} has expired.`, [
    text([
      ...what,
      ` (sent ${formatDay(createdAt)}) had no answer within a week, so I've closed it. People get busy: try the next person on your list, or ask again later.`,
    ]),
  ]);
}
