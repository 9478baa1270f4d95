// `/collab digest [programme]`, `/collab digest settings` and the digest's buttons: nudge, pause, show all.

import type { ActionContext, CommandContext, CoreFeature, Presses, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import { formAgain, type Message } from "../message.ts";
import { pickProgramme } from "../pick-programme.ts";
import { count } from "../plural.ts";
import {
  buildDigest,
  buildSectionList,
  DIGEST_NUDGE_ACTION,
  DIGEST_PAUSE_ACTION,
  DIGEST_SHOW_ALL_ACTION,
  digestCounts,
  readPartnershipActionValue,
  readShowAllValue,
} from "./build-digest.ts";
import type { CoordinatedProgramme, DigestStore } from "./digest-port.ts";
import { digestPeriod, hourLabel, weekdayName } from "./digest-schedule.ts";
import { DIGEST_SETTINGS_ACTION, digestSettingsForm, readSettingsForm } from "./digest-settings-form.ts";

export interface DigestFeatureDeps {
  digests: DigestStore;
}

/** The same words for anyone who is not a coordinator, whatever they asked: nothing about any programme leaks. */
export const NOT_A_COORDINATOR =
  "Sorry, digests are only for programme coordinators. If you coordinate a programme, ask whoever runs the bot to mark you as its coordinator.";

const NUDGE_REFUSED = "Sorry, only the coordinator of this partnership's programme can nudge it.";
const PAUSE_REFUSED = "Sorry, only the coordinator of this partnership's programme can pause it.";

const digestPress: Presses = {
  kind: "once",
  prompt: (press) => readPartnershipActionValue(press.value).promptKey,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function nudgeMessage(title: string): Message {
  const text = `Your programme coordinator is checking in on “${title}”: how is it going? Please answer your latest check-in, or tell your coordinator what would help.`;
  return { summary: `A nudge about ${title}`, blocks: [{ type: "text", text }] };
}

export function createDigestFeature(deps: DigestFeatureDeps): CoreFeature {
  const { digests } = deps;

  /** The programmes the asker coordinates, as the access layer allows them from this workspace or tenant. */
  async function programmesOf(context: CommandContext | ActionContext): Promise<CoordinatedProgramme[]> {
    if (!context.personId) return [];
    const allowed = new Set((await context.access.coordinatedProgrammes()).map((p) => p.id));
    return (await digests.coordinatedProgrammes(context.personId)).filter((p) => allowed.has(p.id));
  }

  async function digestNow(context: CommandContext, programmes: CoordinatedProgramme[]): Promise<Reply> {
    const platform = context.actor.address.platform;
    const picked = pickProgramme(programmes, context.args);
    if (!picked.ok) {
      const list = picked.names
        .map((name) => `\`${commandUsage(context.actor.door, `digest ${name}`)}\``)
        .join(", ");
      return textReply(
        picked.reason === "unknown"
          ? `You don't coordinate a programme by that name. Try one of: ${list}.`
          : `You coordinate several programmes; say which: ${list}.`,
      );
    }
    const programme = picked.programme;
    const snapshot = await digests.snapshot({
      programme,
      period: digestPeriod(programme.lastDigestAt, context.now),
      now: context.now,
      timezone: programme.timezone,
    });
    await digests.recordSent({
      coordinatorId: context.personId!,
      platform,
      programmeId: programme.id,
      trigger: "on-demand",
      counts: digestCounts(snapshot),
    });
    return { kind: "message", message: buildDigest(snapshot) };
  }

  async function digestCommand(context: CommandContext): Promise<Reply> {
    const programmes = await programmesOf(context);
    if (programmes.length === 0) return textReply(NOT_A_COORDINATOR);
    if (/^settings?$/i.test(context.args.trim()))
      return { kind: "form", form: digestSettingsForm(programmes) };
    return digestNow(context, programmes);
  }

  async function saveSettings(context: ActionContext): Promise<Reply> {
    const programmes = await programmesOf(context);
    if (programmes.length === 0) return textReply(NOT_A_COORDINATOR);
    const submission = readSettingsForm(context.inputs, context.value);
    // The form again, holding what was chosen and why it was refused (Teams shows it anew; Slack keeps its own).
    const refused = (errors: Record<string, string>): Reply => ({
      kind: "invalid",
      errors,
      form: formAgain(digestSettingsForm(programmes), context.inputs, errors),
    });
    if (!submission.ok) return refused(submission.errors);
    const programme = programmes.find((p) => p.id === submission.programmeId);
    if (!programme) return refused({ programme: "You don't coordinate that programme." });
    await digests.saveSettings({
      personId: context.personId!,
      programmeId: programme.id,
      weekday: submission.weekday,
      hour: submission.hour,
    });
    return textReply(
      `Saved: your digest for ${programme.name} comes on ${weekdayName(submission.weekday)}s at ${hourLabel(submission.hour)} (${programme.timezone}).`,
    );
  }

  /** The partnership, when the person coordinates its programme; null otherwise (and nothing is said about it). */
  async function coordinatedPartnership(context: ActionContext) {
    const { partnershipId } = readPartnershipActionValue(context.value);
    if (!context.personId || !UUID.test(partnershipId)) return null;
    const partnership = await digests.partnership(partnershipId.toLowerCase());
    return partnership && (await context.access.coordinates(partnership.programmeId)) ? partnership : null;
  }

  async function nudge(context: ActionContext): Promise<Reply> {
    const partnership = await coordinatedPartnership(context);
    if (!partnership) return textReply(NUDGE_REFUSED);
    const day = context.now.toISOString().slice(0, 10);
    const enqueued = await digests.nudge({
      partnershipId: partnership.id,
      by: context.personId!,
      platform: context.actor.address.platform,
      messages: partnership.memberIds.map((personId) => ({
        kind: "digest.nudge",
        to: { kind: "person", personId, programmeId: partnership.programmeId },
        dedupeKey: `digest.nudge:${partnership.id}:${personId}:${day}`,
        message: nudgeMessage(partnership.title),
      })),
    });
    if (enqueued > 0) context.record("its members were nudged");
    return textReply(
      enqueued > 0
        ? `Nudged ${count(enqueued, "member")} of ${partnership.title}.`
        : `The members of ${partnership.title} were nudged today already.`,
    );
  }

  async function pause(context: ActionContext): Promise<Reply> {
    const partnership = await coordinatedPartnership(context);
    if (!partnership) return textReply(PAUSE_REFUSED);
    const paused = await digests.pause({
      partnershipId: partnership.id,
      by: context.personId!,
      platform: context.actor.address.platform,
    });
    if (paused) context.record("the partnership was paused");
    return textReply(
      paused
        ? `Paused ${partnership.title}: no more check-ins until it is resumed.`
        : `${partnership.title} is ${partnership.status} already.`,
    );
  }

  async function showAll(context: ActionContext): Promise<Reply> {
    const request = readShowAllValue(context.value);
    const programmes = await programmesOf(context);
    const programme = request && programmes.find((p) => p.id === request.programmeId);
    if (!request || !programme) return textReply(NOT_A_COORDINATOR);
    const snapshot = await digests.snapshot({
      programme,
      period: { since: request.since, until: request.until },
      now: request.until,
      timezone: programme.timezone,
    });
    return { kind: "message", message: buildSectionList(snapshot, request.section) };
  }

  return {
    commands: [
      {
        name: "digest",
        access: "coordinator",
        refusal: NOT_A_COORDINATOR,
        usage: "digest [programme | settings]",
        description: "Coordinators: your programme's digest now, or when it comes each week.",
        run: digestCommand,
      },
    ],
    actions: [
      {
        actionId: DIGEST_SETTINGS_ACTION,
        access: "coordinator",
        refusal: NOT_A_COORDINATOR,
        presses: { kind: "sets" },
        run: saveSettings,
      },
      {
        actionId: DIGEST_NUDGE_ACTION,
        access: "coordinator",
        refusal: NUDGE_REFUSED,
        presses: digestPress,
        run: nudge,
      },
      {
        actionId: DIGEST_PAUSE_ACTION,
        access: "coordinator",
        refusal: PAUSE_REFUSED,
        presses: digestPress,
        run: pause,
      },
      {
        actionId: DIGEST_SHOW_ALL_ACTION,
        access: "coordinator",
        refusal: NOT_A_COORDINATOR,
        presses: { kind: "reads" },
        run: showAll,
      },
    ],
  };
}
