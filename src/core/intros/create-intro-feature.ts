// Request intro, Accept and Decline: a request reaches the candidate on their platform; accepting makes a partnership.
import type { ActionContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import { meetAskDueAt } from "../meetings/ask-time.ts";
import type { PersonRef, Span } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { PeopleDirectory } from "../ports.ts";
import { createProfilePrompt, formatDay } from "../profile/create-profile-feature.ts";
import type { Profile, ProfileChanges, ProfileStore } from "../profile/profile-port.ts";
import { type FindRequestStore, readIntroButtonValue } from "../suggestions/find-request-port.ts";
import { INTRO_REQUEST_ACTION } from "../suggestions/suggestion-message.ts";
import {
  answeredCard,
  declinedNote,
  INTRO_ACCEPT_ACTION,
  INTRO_DECLINE_ACTION,
  introductionMessage,
  introRequestMessage,
  type NotPassedOn,
  notPassedOnCard,
  passedOnNote,
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
  if (!parsed) return null;
  const prompt = `intro.request:${parsed.findRequestId}:${parsed.candidateId}`;
  return parsed.targetId ? `${prompt}:${parsed.targetId}` : prompt;
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
    const others = [intro.targetId, intro.introducedBy].filter((id): id is string => id !== null);
    const refs = await directory.personRefs([intro.requesterId, intro.candidateId, ...others]);
    const ref = (id: string | null) => (id ? (refs.get(id) ?? unknownPerson(id)) : undefined);
    return {
      requester: refs.get(intro.requesterId) ?? unknownPerson(intro.requesterId),
      candidate: refs.get(intro.candidateId) ?? unknownPerson(intro.candidateId),
      target: ref(intro.targetId),
      introducedBy: ref(intro.introducedBy),
    };
  }

  /** Whether someone takes intro requests now: a profile, not opted out, not paused. */
  const available = (profile: Profile | null, now: Date): profile is Profile =>
    profile !== null &&
    !profile.optedOut &&
    !(profile.pausedUntil && profile.pausedUntil.getTime() > now.getTime());

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
    const targetId = parsed.targetId;
    if (
      !asked ||
      asked.requesterId !== context.personId ||
      !asked.candidateIds.includes(parsed.candidateId) ||
      (targetId !== undefined && (!asked.candidateIds.includes(targetId) || targetId === parsed.candidateId))
    ) {
      return textReply(`That suggestion is not one of yours any more. ${again}`);
    }
    if (context.now.getTime() - asked.createdAt.getTime() > INTRO_OPEN_DAYS * DAY_MS) {
      return textReply(`These suggestions are more than a week old. ${again}`);
    }
    const requesterId = context.personId;
    const candidateId = parsed.candidateId;
    const [refs, requesterProfile, candidateProfile, targetProfile] = await Promise.all([
      directory.personRefs(targetId ? [requesterId, candidateId, targetId] : [requesterId, candidateId]),
      profiles.profileOf(requesterId),
      profiles.profileOf(candidateId),
      targetId ? profiles.profileOf(targetId) : Promise.resolve(null),
    ]);
    const candidate = refs.get(candidateId);
    const requester = refs.get(requesterId);
    const target = targetId ? refs.get(targetId) : undefined;
    if (!candidate || !candidateProfile || !requester || (targetId && (!target || !targetProfile))) {
      return textReply(`That person is no longer available. ${again}`);
    }
    if (!available(candidateProfile, context.now)) {
      return textReply(`${candidate.name} is not taking intro requests at the moment. ${again}`);
    }
    const alreadyAsked = (pending: Intro, whom: PersonRef) =>
      textReply(
        `You have asked ${whom.name} already; I'll tell you when they answer (by ${formatDay(pending.expiresAt, requesterProfile?.timezone ?? null)}).`,
      );
    if (targetId && target) {
      // A warm-path ask: whether the requester and the target could be introduced is what counts; the co-author
      // may well be a partner of the requester already.
      if (!available(targetProfile, context.now)) {
        return textReply(`${target.name} is not taking intro requests at the moment. ${again}`);
      }
      const toTarget = await intros.pairState(requesterId, targetId);
      if (toTarget.partners) return textReply(`You and ${target.name} are partners already.`);
      if (toTarget.pending) return alreadyAsked(toTarget.pending, target);
      const toVia = await intros.pairState(requesterId, candidateId);
      if (toVia.pending) return alreadyAsked(toVia.pending, candidate);
    } else {
      const state = await intros.pairState(requesterId, candidateId);
      if (state.partners) return textReply(`You and ${candidate.name} are partners already.`);
      if (state.pending) return alreadyAsked(state.pending, candidate);
    }

    const expiresAt = new Date(context.now.getTime() + INTRO_OPEN_DAYS * DAY_MS);
    const intro = await intros.request(
      {
        requesterId,
        candidateId,
        need: asked.need,
        now: context.now,
        expiresAt,
        ...(targetId ? { targetId } : {}),
      },
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
            ...(target ? { target } : {}),
          }),
        },
      ],
    );
    if (!intro) {
      // Asked through another suggestion in the meantime: this press changed nothing.
      const now = await intros.pairState(requesterId, candidateId);
      return now.pending
        ? alreadyAsked(now.pending, candidate)
        : textReply(`You have asked ${candidate.name} already.`);
    }
    context.record("you requested this intro");
    const asking: Span[] = target
      ? [
          " I've asked ",
          { mention: candidate },
          " privately to introduce you to ",
          { mention: target },
          " and sent ",
        ]
      : [" I've asked ", { mention: candidate }, " privately and sent "];
    return {
      kind: "message",
      message: {
        summary: target
          ? `Intro requested: ${candidate.name}, for ${target.name}`
          : `Intro requested: ${candidate.name}`,
        blocks: [
          {
            type: "text",
            text: [
              { bold: "Intro requested." },
              ...asking,
              "them your profile and your need. I'll tell you when they answer; requests stay open for a week.",
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
    const { requester, candidate, target, introducedBy } = await refsOf(intro);
    const stateCard = (current: Intro): Reply => {
      const outcome =
        current.status === "accepted" ? "accepted" : current.status === "declined" ? "declined" : "expired";
      return { kind: "update", message: answeredCard(requester, outcome, target) };
    };
    if (intro.status !== "pending" || intro.expiresAt.getTime() <= context.now.getTime())
      return stateCard(intro);

    if (!accept) {
      const declined = await intros.decline(intro.id, context.now, (current) => [
        {
          kind: "intro.declined",
          to: { kind: "person", personId: current.requesterId },
          dedupeKey: `intro.declined:${current.id}`,
          message: declinedNote(candidate, target),
        },
      ]);
      if (declined) context.record("you declined the intro");
      return declined ? stateCard(declined) : stateCard((await intros.byId(intro.id)) ?? intro);
    }

    if (target) return passOn(context, intro, { requester, candidate, target });

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
              ...(introducedBy ? { introducedBy } : {}),
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
              ...(introducedBy ? { introducedBy } : {}),
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

  /**
   * A co-author accepted a warm-path ask: the requester's request goes on to the target, introduced by them (the
   * target accepts or declines it like every other intro), unless the target takes no requests now, is a partner of the
   * requester already or has their request pending. No partnership with the co-author: they only introduce.
   */
  async function passOn(
    context: ActionContext,
    intro: Intro,
    people: { requester: PersonRef; candidate: PersonRef; target: PersonRef },
  ): Promise<Reply> {
    const { requester, candidate, target } = people;
    const [requesterProfile, targetProfile, pair] = await Promise.all([
      profiles.profileOf(intro.requesterId),
      profiles.profileOf(target.id),
      intros.pairState(intro.requesterId, target.id),
    ]);
    const notPassed: NotPassedOn | undefined = !available(targetProfile, context.now)
      ? "unavailable"
      : pair.partners
        ? "partners"
        : pair.pending
          ? "pending"
          : undefined;
    const expiresAt = new Date(context.now.getTime() + INTRO_OPEN_DAYS * DAY_MS);
    const passed = await intros.passOn(
      intro.id,
      context.now,
      notPassed ? null : { expiresAt },
      (current, onward) => {
        const messages: OutgoingMessage[] = [
          {
            kind: "intro.passed-on",
            to: { kind: "person", personId: current.requesterId },
            dedupeKey: `intro.passed-on:${current.id}`,
            message: passedOnNote({
              via: candidate,
              target,
              ...(onward ? {} : { notPassed: notPassed ?? "pending" }),
            }),
          },
        ];
        if (onward) {
          messages.push({
            kind: "intro.request",
            to: { kind: "person", personId: onward.candidateId },
            dedupeKey: `intro.request:${onward.id}`,
            message: introRequestMessage({
              introId: onward.id,
              requester,
              requesterProfile,
              need: onward.need,
              expiresAt: onward.expiresAt,
              formatDay: (at) => formatDay(at, targetProfile?.timezone ?? null),
              introducedBy: candidate,
            }),
          });
        }
        return messages;
      },
    );
    if (!passed) {
      const current = (await intros.byId(intro.id)) ?? intro;
      const outcome =
        current.status === "accepted" ? "accepted" : current.status === "declined" ? "declined" : "expired";
      return { kind: "update", message: answeredCard(requester, outcome, target) };
    }
    context.record("you accepted to introduce them");
    return {
      kind: "update",
      message: passed.onward
        ? answeredCard(requester, "accepted", target)
        : notPassedOnCard(requester, target, notPassed ?? "pending"),
    };
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
