// The three buttons of "Did you meet?": Yes starts the partnership, Not yet asks once more a week later, Not a good
// fit ends it quietly. Each ask counts one answer; only the person asked may give it.
import type { ActionContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { formatDay } from "../profile/create-profile-feature.ts";
import type { ProfileChanges } from "../profile/profile-port.ts";
import { safeZone } from "../schedule/working-time.ts";
import { meetAskAt, meetAskDueAt } from "./ask-time.ts";
import { MEET_ACTION_PREFIX, MEET_ANSWERS, meetAnsweredCard } from "./meet-messages.ts";
import type { MeetAskStore } from "./meet-port.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OUTCOMES = {
  yes: "you met",
  not_yet: "not met yet",
  not_fit: "not a good fit",
} as const;

export interface MeetFeatureDeps {
  store: MeetAskStore;
  /** Told when a partnership ends, so that the pair may be suggested again (lower down). */
  changes: ProfileChanges;
  /** The presser's zone, for the day of the next ask. */
  zoneOf(personId: string): Promise<string | null>;
}

export function createMeetFeature(deps: MeetFeatureDeps): CoreFeature {
  const { store } = deps;

  async function answer(context: ActionContext): Promise<Reply> {
    const given = MEET_ANSWERS[context.actionId];
    if (!given) return textReply("That button no longer works.");
    const ask = UUID.test(context.value) ? await store.byId(context.value.toLowerCase()) : null;
    if (!ask) return textReply("That question no longer exists.");
    if (ask.personId !== context.personId) return textReply("This question was sent to someone else.");
    if (ask.status !== "sent") return textReply("That question is closed.");
    const zone = safeZone(await deps.zoneOf(ask.personId));
    const askAgainAt = meetAskDueAt(context.now);
    const result = await store.answer({
      askId: ask.id,
      personId: ask.personId,
      answer: given,
      now: context.now,
      askAgainAt,
    });
    if (!result) return textReply("That question is closed.");
    context.record(OUTCOMES[given]);
    if (result.ended) deps.changes.changed([ask.personId, ...(ask.other ? [ask.other.id] : [])]);
    const alreadyEnded = result.ask.partnershipStatus === "ended" && !result.ended;
    const askedAgainOn = result.askedAgainAt
      ? formatDay(meetAskAt(result.askedAgainAt, zone, ask.localHour), zone)
      : null;
    return {
      kind: "update",
      message: meetAnsweredCard({ answer: given, other: ask.other, askedAgainOn, alreadyEnded }),
    };
  }

  return {
    actions: [
      {
        actionId: MEET_ACTION_PREFIX,
        access: "member",
        // Yes, Not yet and Not a good fit share the ask's one answer.
        presses: {
          kind: "once",
          prompt: (press) => (UUID.test(press.value) ? `meet:${press.value.toLowerCase()}` : null),
        },
        run: answer,
      },
    ],
  };
}
