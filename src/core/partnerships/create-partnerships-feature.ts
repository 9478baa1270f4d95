// `/collab partnerships`: my partnerships and my next check-in; members change the cadence, coordinators pause, resume, end.
import {
  type ActionContext,
  type CommandContext,
  type CoreFeature,
  type Reply,
  textReply,
} from "../feature.ts";
import { slotFor } from "../schedule/checkin-slots.ts";
import { CADENCES, type Cadence, periodAt } from "../schedule/periods.ts";
import {
  endConfirmMessage,
  PARTNERSHIP_CADENCE_ACTION,
  PARTNERSHIP_END_ACTION,
  PARTNERSHIP_END_CONFIRM_ACTION,
  PARTNERSHIP_LIST_ACTION,
  PARTNERSHIP_PAUSE_ACTION,
  PARTNERSHIP_RESUME_ACTION,
  partnershipListMessage,
} from "./partnership-list.ts";
import type { PartnershipStatus, PartnershipStore, PartnershipView } from "./partnership-store.ts";

export interface PartnershipsFeatureDeps {
  partnerships: PartnershipStore;
}

const noProfile = textReply(
  "I don't know you yet: ask your programme coordinator to add you, or create a profile first.",
);
const gone = textReply("That partnership no longer exists. Run the command again for a fresh list.");
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusWords: Record<PartnershipStatus, { verb: string; done: string }> = {
  paused: { verb: "pause", done: "paused: no check-ins until it is resumed" },
  active: { verb: "resume", done: "resumed: check-ins start again at their next slot" },
  ended: { verb: "end", done: "ended" },
};

/**
 * The new cadence's current period, when some member's slot in it has passed already: changing the cadence
 * must not send a prompt for a slot that is over (nor record it as missed), so that period counts as done.
 */
function periodToClose(partnership: PartnershipView, cadence: Cadence, now: Date) {
  const schedule = { ...partnership, cadence };
  const period = periodAt(cadence, partnership.startedAt, now);
  const passed = partnership.members.some(
    (member) => slotFor(schedule, period.key, member.zone).localDue.getTime() <= now.getTime(),
  );
  return passed ? period : null;
}

export function createPartnershipsFeature(deps: PartnershipsFeatureDeps): CoreFeature {
  const store = deps.partnerships;

  async function list(personId: string, now: Date, notice?: string) {
    const { zone, partnerships } = await store.listFor(personId, now);
    return partnershipListMessage({
      viewerId: personId,
      zone,
      partnerships,
      now,
      ...(notice ? { notice } : {}),
    });
  }

  async function show(context: CommandContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    return { kind: "message", message: await list(context.personId, context.now) };
  }

  async function changeCadence(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    const [id = "", cadence = ""] = context.value.split(":");
    const chosen = CADENCES.find((c) => c === cadence);
    if (!uuidPattern.test(id) || !chosen) return gone;
    const view = await store.viewOf(id, context.personId, context.now);
    if (!view) return gone;
    const outcome = await store.changeCadence({
      partnershipId: id,
      personId: context.personId,
      platform: context.actor.address.platform,
      cadence: chosen,
      closePeriod: chosen === view.cadence ? null : periodToClose(view, chosen, context.now),
      now: context.now,
    });
    const notices: Record<typeof outcome, string> = {
      changed: `${view.title} now checks in ${chosen}.`,
      unchanged: `${view.title} checks in ${chosen} already.`,
      "not-member": `Only members of ${view.title} can change how often it checks in.`,
      ended: `${view.title} has ended, so its check-ins cannot change.`,
      unknown: "That partnership no longer exists.",
    };
    return { kind: "update", message: await list(context.personId, context.now, notices[outcome]) };
  }

  function setStatus(status: PartnershipStatus) {
    return async (context: ActionContext): Promise<Reply> => {
      if (!context.personId) return noProfile;
      if (!uuidPattern.test(context.value)) return gone;
      const view = await store.viewOf(context.value, context.personId, context.now);
      if (!view) return gone;
      // The role is checked again in the store's own query: a button is no proof of being allowed.
      const outcome = await store.setStatus({
        partnershipId: view.id,
        personId: context.personId,
        platform: context.actor.address.platform,
        status,
        now: context.now,
      });
      const words = statusWords[status];
      const notices: Record<typeof outcome, string> = {
        changed: `${view.title} is ${words.done}.`,
        unchanged: `${view.title} is ${status === "active" ? "active" : status} already.`,
        "not-coordinator": `Only a coordinator of ${view.programme ?? "its programme"} can ${words.verb} ${view.title}.`,
        ended: `${view.title} has ended already.`,
        unknown: "That partnership no longer exists.",
      };
      return { kind: "update", message: await list(context.personId, context.now, notices[outcome]) };
    };
  }

  async function confirmEnd(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    if (!uuidPattern.test(context.value)) return gone;
    const view = await store.viewOf(context.value, context.personId, context.now);
    if (!view) return gone;
    if (!view.coordinates) {
      return textReply(`Only a coordinator of ${view.programme ?? "its programme"} can end ${view.title}.`);
    }
    return { kind: "update", message: endConfirmMessage(view) };
  }

  async function backToList(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    return { kind: "update", message: await list(context.personId, context.now) };
  }

  return {
    commands: [
      {
        name: "partnerships",
        aliases: ["partnership", "partners"],
        usage: "partnerships",
        description:
          "Lists your partnerships and your next check-in; change how often you check in (coordinators: pause, resume, end).",
        run: show,
      },
    ],
    actions: [
      { actionId: PARTNERSHIP_CADENCE_ACTION, run: changeCadence },
      { actionId: PARTNERSHIP_PAUSE_ACTION, run: setStatus("paused") },
      { actionId: PARTNERSHIP_RESUME_ACTION, run: setStatus("active") },
      { actionId: PARTNERSHIP_END_ACTION, run: confirmEnd },
      { actionId: PARTNERSHIP_END_CONFIRM_ACTION, run: setStatus("ended") },
      { actionId: PARTNERSHIP_LIST_ACTION, run: backToList },
    ],
  };
}
