// Request intro, Accept and Decline: a request reaches the candidate on their platform; accepting makes a partnership.
import type { ActionContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import { meetAskDueAt } from "../meetings/ask-time.ts";
import type { PersonRef } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { PeopleDirectory } from "../ports.ts";
import { createProfilePrompt, formatDay } from "../profile/create-profile-feature.ts";
import type { ProfileChanges, ProfileStore } from "../profile/profile-port.ts";
import { type FindRequestStore, readIntroButtonValue } from "../suggestions/find-request-port.ts";
import { INTRO_REQUEST_ACTION } from "../suggestions/suggestion-message.ts";
import {
  answeredCard,
  declinedNote,
  INTRO_ACCEPT_ACTION,
  INTRO_DECLINE_ACTION,
  introductionMessage,
  introRequestMessage,
} from "./intro-messages.ts";
import type { Intro, IntroStore, PartnershipPlan } from "./intro-port.ts";

/** An intro waits this long for an answer; suggestions' buttons work as long. */
export const INTRO_OPEN_DAYS = 7;
const DAY_MS = 86_400_000;

export interface IntroFeatureDeps {
  intros: IntroStore;
  findRequests: FindRequestStore;
  profiles: ProfileStore;
  directory: PeopleDirectory;
  changes: ProfileChanges;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INTRO_ANSWER_SLOT = "intro.answer";
/** A suggestion's Request intro button: one request per suggestion list and candidate. */
function requestPrompt(value: string): string | null {
  const parsed = readIntroButtonValue(value);
  return parsed ? `intro.request:${parsed.findRequestId}:${parsed.candidateId}` : null;
}
/** An intro request's card: Accept or Decline, once. */
const answerPrompt = (value: string): string | null =>
  UUID.test(value) ? `intro:${value.toLowerCase()}` : null;

export function partnershipPlan(requester: PersonRef, candidate: PersonRef): PartnershipPlan {
  return {
    title: `${requester.name} & ${candidate.name}`,
    cadence: "fortnightly",
    weekday: 2,
    localHour: 10,
  };
}

/** A PersonRef for someone the directory no longer knows (erased since): named neutrally. */
const unknownPerson = (id: string): PersonRef => ({ id, name: "a colleague", identities: [] });

export function createIntroFeature(deps: IntroFeatureDeps): CoreFeature {
  const { intros, profiles, directory } = deps;

  async function refsOf(intro: Intro) {
    const refs = await directory.personRefs([intro.requesterId, intro.candidateId]);
    return {
      requester: refs.get(intro.requesterId) ?? unknownPerson(intro.requesterId),
      candidate: refs.get(intro.candidateId) ?? unknownPerson(intro.candidateId),
    };
  }

  async function request(context: ActionContext): Promise<Reply> {
    const again = `Ask again with \`${commandUsage(context.actor.door, "find-collaborator <need>")}\`.`;
    const parsed = readIntroButtonValue(context.value);
    if (!parsed) return textReply(`That button no longer works. ${again}`);
    if (!context.personId) {
      return createProfilePrompt(
        "To request an intro, create your profile first: the person you ask will see it.",
      );
    }
    const asked = await deps.findRequests.byId(parsed.findRequestId);
    if (
      !asked ||
      asked.requesterId !== context.personId ||
      !asked.candidateIds.includes(parsed.candidateId)
    ) {
      return textReply(`That suggestion is not one of yours any more. ${again}`);
    }
    if (context.now.getTime() - asked.createdAt.getTime() > INTRO_OPEN_DAYS * DAY_MS) {
      return textReply(`These suggestions are more than a week old. ${again}`);
    }
    const requesterId = context.personId;
    const candidateId = parsed.candidateId;
    const [refs, requesterProfile, candidateProfile] = await Promise.all([
      directory.personRefs([requesterId, candidateId]),
      profiles.profileOf(requesterId),
      profiles.profileOf(candidateId),
    ]);
    const candidate = refs.get(candidateId);
    const requester = refs.get(requesterId);
    if (!candidate || !candidateProfile || !requester) {
      return textReply(`That person is no longer available. ${again}`);
    }
    if (
      candidateProfile.optedOut ||
      (candidateProfile.pausedUntil && candidateProfile.pausedUntil.getTime() > context.now.getTime())
    ) {
      return textReply(`${candidate.name} is not taking intro requests at the moment. ${again}`);
    }
    const state = await intros.pairState(requesterId, candidateId);
    if (state.partners) return textReply(`You and ${candidate.name} are partners already.`);
    const alreadyAsked = (pending: Intro) =>
      textReply(
        `You have asked ${candidate.name} already; I'll tell you when they answer (by ${formatDay(pending.expiresAt, requesterProfile?.timezone ?? null)}).`,
      );
    if (state.pending) return alreadyAsked(state.pending);

    const expiresAt = new Date(context.now.getTime() + INTRO_OPEN_DAYS * DAY_MS);
    const intro = await intros.request(
      { requesterId, candidateId, need: asked.need, now: context.now, expiresAt },
      (created) => [
        {
          kind: "intro.request",
          to: { kind: "person", personId: candidateId },
          dedupeKey: `intro.request:${created.id}`,
          message: introRequestMessage({
            introId: created.id,
            requester,
            requesterProfile,
            need: created.need,
            expiresAt,
            formatDay: (at) => formatDay(at, candidateProfile.timezone),
          }),
        },
      ],
    );
    if (!intro) {
      // Asked through another suggestion in the meantime: this press changed nothing.
      const now = await intros.pairState(requesterId, candidateId);
      return now.pending ? alreadyAsked(now.pending) : textReply(`You have asked ${candidate.name} already.`);
    }
    context.record("you requested this intro");
    return {
      kind: "message",
      message: {
        summary: `Intro requested: ${candidate.name}`,
        blocks: [
          {
            type: "text",
            text: [
              { bold: "Intro requested." },
              " I've asked ",
              { mention: candidate },
              " privately and sent them your profile and your need. I'll tell you when they answer; requests stay open for a week.",
            ],
          },
        ],
      },
    };
  }

  /** Accept or Decline from the candidate's card; the card is replaced by what happened. */
  async function answer(context: ActionContext, accept: boolean): Promise<Reply> {
    const intro = UUID.test(context.value) ? await intros.byId(context.value.toLowerCase()) : null;
    if (!intro) return textReply("That intro request no longer exists.");
    if (context.personId !== intro.candidateId) {
      return textReply("This intro request was sent to someone else.");
    }
    const { requester, candidate } = await refsOf(intro);
    const stateCard = (current: Intro): Reply => {
      if (current.status === "accepted")
        return { kind: "update", message: answeredCard(requester, "accepted") };
      if (current.status === "declined")
        return { kind: "update", message: answeredCard(requester, "declined") };
      return { kind: "update", message: answeredCard(requester, "expired") };
    };
    if (intro.status !== "pending" || intro.expiresAt.getTime() <= context.now.getTime())
      return stateCard(intro);

    if (!accept) {
      const declined = await intros.decline(intro.id, context.now, (current) => [
        {
          kind: "intro.declined",
          to: { kind: "person", personId: current.requesterId },
          dedupeKey: `intro.declined:${current.id}`,
          message: declinedNote(candidate),
        },
      ]);
      if (declined) context.record("you declined the intro");
      return declined ? stateCard(declined) : stateCard((await intros.byId(intro.id)) ?? intro);
    }

    const [requesterProfile, candidateProfile] = await Promise.all([
      profiles.profileOf(intro.requesterId),
      profiles.profileOf(intro.candidateId),
    ]);
    const accepted = await intros.accept(
      intro.id,
      context.now,
      { ...partnershipPlan(requester, candidate), askMetAt: meetAskDueAt(context.now) },
      (current) => {
        const messages: OutgoingMessage[] = [
          {
            kind: "intro.introduction",
            to: { kind: "person", personId: current.requesterId },
            dedupeKey: `intro.introduction:${current.id}:requester`,
            message: introductionMessage({
              other: candidate,
              otherProfile: candidateProfile,
              need: current.need,
              readerAsked: true,
            }),
          },
          {
            kind: "intro.introduction",
            to: { kind: "person", personId: current.candidateId },
            dedupeKey: `intro.introduction:${current.id}:candidate`,
            message: introductionMessage({
              other: requester,
              otherProfile: requesterProfile,
              need: current.need,
              readerAsked: false,
            }),
          },
        ];
        return messages;
      },
    );
    if (!accepted) return stateCard((await intros.byId(intro.id)) ?? intro);
    context.record("you accepted the intro");
    // New partners are no longer suggested to each other, and each carries one more partnership.
    deps.changes.changed([intro.requesterId, intro.candidateId]);
    return stateCard(accepted.intro);
  }

  return {
    actions: [
      // A request from someone without a profile is answered with the profile form, so it is open to anyone.
      {
        actionId: INTRO_REQUEST_ACTION,
        access: "anyone",
        presses: { kind: "once", prompt: (press) => requestPrompt(press.value) },
        run: request,
      },
      // Accept and Decline share the request's one answer.
      {
        actionId: INTRO_ACCEPT_ACTION,
        access: "member",
        presses: { kind: "once", prompt: (press) => answerPrompt(press.value), slot: INTRO_ANSWER_SLOT },
        run: (context) => answer(context, true),
      },
      {
        actionId: INTRO_DECLINE_ACTION,
        access: "member",
        presses: { kind: "once", prompt: (press) => answerPrompt(press.value), slot: INTRO_ANSWER_SLOT },
        run: (context) => answer(context, false),
      },
    ],
  };
}
