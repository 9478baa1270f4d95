// `/collab history <partnership>`: the last check-ins of a partnership, for its members and its programme's coordinators.
import type { Access } from "../access/access.ts";
import type { CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import { HISTORY_LENGTH, historyMessage } from "./history-message.ts";
import type { HistoryPartnership, HistoryStore } from "./history-port.ts";

export interface HistoryFeatureDeps {
  history: HistoryStore;
}

/**
 * One answer for a partnership that does not exist and for one the asker may not read: the refusal names no
 * partnership and does not confirm that one by that name exists.
 */
export const HISTORY_REFUSED =
  "I can't show that history: only a partnership's members and its programme's coordinators can see it. Check the name with `partnerships`.";

/** Members read it from a workspace or tenant that may see its programme; coordinators of its programme read it too. */
async function mayRead(partnership: HistoryPartnership, personId: string, access: Access): Promise<boolean> {
  if (await access.coordinates(partnership.programmeId)) return true;
  if (!partnership.memberIds.includes(personId)) return false;
  if (!partnership.programmeId) return true;
  return (await access.canSee([partnership.programmeId])).has(partnership.programmeId);
}

export function createHistoryFeature(deps: HistoryFeatureDeps): CoreFeature {
  const { history } = deps;

  async function show(context: CommandContext): Promise<Reply> {
    const named = context.args.trim();
    if (!named) {
      const usage = commandUsage(context.actor.door, "history <partnership>");
      const list = commandUsage(context.actor.door, "partnerships");
      return textReply(`Name the partnership: \`${usage}\`. \`${list}\` lists yours.`);
    }
    const readable: HistoryPartnership[] = [];
    for (const partnership of await history.partnershipsNamed(named)) {
      if (await mayRead(partnership, context.personId!, context.access)) readable.push(partnership);
    }
    // Two of the asker's partnerships with one title: the newest, which is the one people mean.
    const chosen = readable.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
    if (!chosen) return textReply(HISTORY_REFUSED);
    const checkins = await history.history(chosen.id, HISTORY_LENGTH, context.now);
    return { kind: "message", message: historyMessage({ title: chosen.title, checkins, now: context.now }) };
  }

  return {
    commands: [
      {
        name: "history",
        access: "member",
        usage: "history <partnership>",
        description:
          "A partnership's last 12 check-ins: each member's answer and note (members and its coordinators only).",
        run: show,
      },
    ],
  };
}
