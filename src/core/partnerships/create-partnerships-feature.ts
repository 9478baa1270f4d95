// `/collab partnerships`: my partnerships and my next check-in; members change the cadence, coordinators pause, resume, end.

import type { Access } from "../access/access.ts";
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
import type { PartnershipStatus, PartnershipStore, PartnershipView } from "./partnership-port.ts";

export interface PartnershipsFeatureDeps {
  partnerships: PartnershipStore;
}

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

/**
 * The store reports whether the viewer coordinates each partnership's programme; the access layer also knows
 * which programmes this workspace or tenant can see. A partnership of a programme it may not see is dropped,
 * even for its members (they see it from a linked workspace or tenant).
 */
async function scoped(views: readonly PartnershipView[], access: Access): Promise<PartnershipView[]> {
  const coordinated = new Set((await access.coordinatedProgrammes()).map((p) => p.id));
  const seen = await access.canSee(views.map((view) => view.programmeId));
  return views
    .filter((view) => view.programmeId === null || seen.has(view.programmeId))
    .map((view) => ({ ...view, coordinates: view.coordinates && coordinated.has(view.programmeId ?? "") }))
    .filter((view) => view.isMember || view.coordinates);
}

export function createPartnershipsFeature(deps: PartnershipsFeatureDeps): CoreFeature {
  const store = deps.partnerships;

  async function list(context: CommandContext | ActionContext, notice?: string) {
    const personId = context.personId!;
    const { zone, partnerships } = await store.listFor(personId, context.now);
    return partnershipListMessage({
      viewerId: personId,
      zone,
      partnerships: await scoped(partnerships, context.access),
      now: context.now,
      ...(notice ? { notice } : {}),
    });
  }

  /** The partnership as this person may see it from here, or null. */
  async function viewOf(context: ActionContext, id: string) {
    const view = await store.viewOf(id, context.personId!, context.now);
    return view ? ((await scoped([view], context.access))[0] ?? null) : null;
  }

  async function show(context: CommandContext): Promise<Reply> {
    return { kind: "message", message: await list(context) };
  }

  async function changeCadence(context: ActionContext): Promise<Reply> {
    const [id = "", cadence = ""] = context.value.split(":");
    const chosen = CADENCES.find((c) => c === cadence);
    if (!uuidPattern.test(id) || !chosen) return gone;
    const view = await viewOf(context, id);
    if (!view) return gone;
    const outcome = await store.changeCadence({
      partnershipId: id,
      personId: context.personId!,
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
    return { kind: "update", message: await list(context, notices[outcome]) };
  }

  function setStatus(status: PartnershipStatus) {
    return async (context: ActionContext): Promise<Reply> => {
      if (!uuidPattern.test(context.value)) return gone;
      const view = await viewOf(context, context.value);
      if (!view) return gone;
      // The access layer decides (a button is no proof); the store's query checks the role again under its lock.
      const outcome = !(await context.access.coordinates(view.programmeId))
        ? "not-coordinator"
        : await store.setStatus({
            partnershipId: view.id,
            personId: context.personId!,
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
      return { kind: "update", message: await list(context, notices[outcome]) };
    };
  }

  async function confirmEnd(context: ActionContext): Promise<Reply> {
    if (!uuidPattern.test(context.value)) return gone;
    const view = await viewOf(context, context.value);
    if (!view) return gone;
    if (!(await context.access.coordinates(view.programmeId))) {
      return textReply(`Only a coordinator of ${view.programme ?? "its programme"} can end ${view.title}.`);
    }
    return { kind: "update", message: endConfirmMessage(view) };
  }

  async function backToList(context: ActionContext): Promise<Reply> {
    return { kind: "update", message: await list(context) };
  }

  return {
    commands: [
      {
        name: "partnerships",
        access: "member",
        aliases: ["partnership", "partners"],
        usage: "partnerships",
        description:
          "Lists your partnerships and your next check-in; change how often you check in (coordinators: pause, resume, end).",
        run: show,
      },
    ],
    actions: [
      // The list's buttons set a cadence or a status (the store answers "unchanged" when it is so already) or
      // show something: pressing one again changes nothing, and the list is shown as it stands.
      {
        actionId: PARTNERSHIP_CADENCE_ACTION,
        presses: { kind: "sets" },
        run: changeCadence,
        access: "member",
      },
      {
        actionId: PARTNERSHIP_PAUSE_ACTION,
        presses: { kind: "sets" },
        run: setStatus("paused"),
        access: "member",
      },
      {
        actionId: PARTNERSHIP_RESUME_ACTION,
        presses: { kind: "sets" },
        run: setStatus("active"),
        access: "member",
      },
      { actionId: PARTNERSHIP_END_ACTION, presses: { kind: "reads" }, run: confirmEnd, access: "member" },
      {
        actionId: PARTNERSHIP_END_CONFIRM_ACTION,
        presses: { kind: "sets" },
        run: setStatus("ended"),
        access: "member",
      },
      { actionId: PARTNERSHIP_LIST_ACTION, presses: { kind: "reads" }, run: backToList, access: "member" },
    ],
  };
}
