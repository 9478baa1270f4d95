// `/collab milestone` (add one or mark one achieved) and `/collab celebrate here` (a coordinator picks the channel).
import {
  type ActionContext,
  type CommandContext,
  type CoreFeature,
  type Reply,
  textReply,
} from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import { formAgain } from "../message.ts";
import { pickProgramme } from "../pick-programme.ts";
import {
  achieveMilestoneForm,
  achievePrompt,
  addMilestoneForm,
  MILESTONE_ACHIEVE_ACTION,
  MILESTONE_ADD_ACTION,
  readAchieveForm,
  readAddForm,
} from "./milestone-forms.ts";
import { milestoneKindLabel } from "./milestone-kinds.ts";
import type { MilestoneStore } from "./milestone-port.ts";

export interface MilestoneFeatureDeps {
  milestones: MilestoneStore;
  /** The patient-data guard, knowing members' email addresses. */
  freeText: FreeTextGuard;
}

const CELEBRATE_REFUSED =
  "Sorry, only a programme coordinator can choose where milestones are celebrated. Your coordinator can run this command here.";
const noProfile = textReply(
  "I don't know you yet: ask your programme coordinator to add you, or create a profile first.",
);

export function createMilestoneFeature(deps: MilestoneFeatureDeps): CoreFeature {
  const { milestones } = deps;
  const freeText = deps.freeText;

  async function openMilestoneForm(context: CommandContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    const door = context.actor.door;
    const sub = context.args.trim().toLowerCase();
    if (sub === "achieved" || sub === "done") {
      const open = await milestones.openMilestonesOf(context.personId);
      if (open.length === 0) {
        return textReply(
          `None of your partnerships has an open milestone. Add one with \`${commandUsage(door, "milestone")}\`.`,
        );
      }
      return { kind: "form", form: achieveMilestoneForm(open) };
    }
    const partnerships = await milestones.partnershipsOf(context.personId);
    if (partnerships.length === 0) {
      return textReply("Milestones belong to a partnership, and you are not in an active one yet.");
    }
    return { kind: "form", form: addMilestoneForm(partnerships, globalThis.crypto.randomUUID()) };
  }

  /** The add form again, holding what was typed and why it was refused (Teams shows it anew; Slack keeps its own). */
  async function addRefused(context: ActionContext, errors: Record<string, string>): Promise<Reply> {
    const partnerships = await milestones.partnershipsOf(context.personId!);
    const form = addMilestoneForm(partnerships, context.value);
    return { kind: "invalid", errors, form: formAgain(form, context.inputs, errors) };
  }

  async function celebrateHere(context: CommandContext): Promise<Reply> {
    const door = context.actor.door;
    const [first = "", ...rest] = context.args.trim().split(/\s+/);
    if (first.toLowerCase() !== "here") {
      return textReply(
        `Type \`${commandUsage(door, "celebrate here")}\` in the channel where milestones should be celebrated.`,
      );
    }
    const programmes = await context.access.coordinatedProgrammes();
    if (programmes.length === 0) return textReply(CELEBRATE_REFUSED);
    const channel = context.actor.channel;
    if (!channel) {
      return textReply(
        "Run this in the channel where you want milestones celebrated, not in a direct message with me.",
      );
    }
    const picked = pickProgramme(programmes, rest.join(" "));
    if (!picked.ok) {
      const usage = commandUsage(door, "celebrate here");
      const list = picked.names.map((name) => `\`${usage} ${name}\``).join(", ");
      return textReply(
        picked.reason === "unknown"
          ? `You don't coordinate a programme by that name. Try one of: ${list}.`
          : `You coordinate several programmes; say which: ${list}.`,
      );
    }
    const address = context.actor.address;
    await milestones.setCelebrationChannel(
      {
        programmeId: picked.programme.id,
        platform: address.platform,
        tenantId: address.tenantId,
        channelId: channel.id,
        ...(channel.conversationRef ? { conversationRef: channel.conversationRef } : {}),
      },
      context.personId!,
    );
    const invite = door.channelInvite
      ? " If I'm not in this channel yet, `/invite` me so that I can post."
      : "";
    return textReply(
      `Done: milestones and anniversaries of ${picked.programme.name} will be celebrated in this channel.${invite}`,
    );
  }

  return {
    commands: [
      {
        name: "milestone",
        aliases: ["milestones"],
        access: "member",
        usage: "milestone [achieved]",
        description: "Add a milestone to one of your partnerships, or mark one achieved.",
        run: openMilestoneForm,
      },
      {
        name: "celebrate",
        access: "coordinator",
        refusal: CELEBRATE_REFUSED,
        usage: "celebrate here [programme]",
        description: "Coordinators: celebrate your programme's milestones in this channel.",
        run: celebrateHere,
      },
    ],
    actions: [
      {
        actionId: MILESTONE_ADD_ACTION,
        access: "member",
        presses: {
          kind: "once",
          prompt: (press) => (press.value ? `milestone.add:${press.value}` : null),
          submits: true,
        },
        async run(context) {
          if (!context.personId) return noProfile;
          const submission = readAddForm(context.inputs);
          if (!submission.ok) return addRefused(context, submission.errors);
          const verdict = await freeText.check(submission.title);
          if (!verdict.ok) return addRefused(context, { title: verdict.reason });
          const added = await milestones.addMilestone({
            partnershipId: submission.partnershipId,
            title: submission.title,
            kind: submission.kind,
            dueOn: submission.dueOn,
            achievedAt: submission.achieved ? context.now : null,
            by: context.personId,
          });
          if (!added) return addRefused(context, { partnership: "You are not in that partnership." });
          context.record(
            submission.achieved ? "the milestone was added as achieved" : "the milestone was added",
          );
          const what = `${submission.title} (${milestoneKindLabel(submission.kind)})`;
          return textReply(
            submission.achieved
              ? `Congratulations! “${what}” is recorded as achieved; it will be celebrated in your programme's channel.`
              : `Saved “${what}”. When it is done: \`${commandUsage(context.actor.door, "milestone achieved")}\`.`,
          );
        },
      },
      {
        actionId: MILESTONE_ACHIEVE_ACTION,
        access: "member",
        presses: { kind: "once", prompt: (press) => achievePrompt(press.inputs), submits: true },
        async run(context) {
          if (!context.personId) return noProfile;
          const milestoneId = readAchieveForm(context.inputs);
          if (!milestoneId) return { kind: "invalid", errors: { milestone: "Choose the milestone." } };
          const marked = await milestones.markAchieved(milestoneId, context.personId, context.now);
          if (!marked) {
            return {
              kind: "invalid",
              errors: { milestone: "That milestone is achieved already or not yours." },
            };
          }
          context.record("the milestone was marked achieved");
          return textReply("Congratulations! It will be celebrated in your programme's channel.");
        },
      },
    ],
  };
}
