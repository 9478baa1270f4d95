// The Teams activity handler: thin — translate the activity, call the core, show the reply as an Adaptive Card.
import { ActivityHandler, type TurnContext } from "botbuilder";
import type { Core } from "../../core/create-core.ts";
import type { Logger } from "../../logger.ts";
import { teamsActor, teamsTenantId } from "./actor.ts";
import { neutralInputId } from "./render-adaptive-card.ts";
import { showReply } from "./teams-reply.ts";

interface SubmitData {
  actionId?: unknown;
  value?: unknown;
  [input: string]: unknown;
}

export function createCollabTeamsBot(core: Core, logger: Logger): ActivityHandler {
  const bot = new ActivityHandler();

  bot.onMessage(async (context, next) => {
    const activity = context.activity;
    const submitted = activity.value as SubmitData | undefined;
    if (submitted && typeof submitted === "object" && typeof submitted.actionId === "string") {
      // An Action.Submit: Teams merges the card's input values into the button's data.
      const { actionId, value, ...inputs } = submitted;
      const reply = await core.handleAction({
        actor: teamsActor(activity),
        actionId,
        value: typeof value === "string" ? value : "",
        inputs: inputValues(inputs),
      });
      await showReply(context, reply);
    } else {
      const text = withoutBotMention(context);
      if (text) {
        const reply = await core.handleCommand({ actor: teamsActor(activity), text });
        await showReply(context, reply);
      }
    }
    await next();
  });

  bot.onInstallationUpdateAdd(async (context, next) => {
    await core.recordContact(teamsActor(context.activity));
    logger.info({ tenant: teamsTenantId(context.activity) }, "Teams app installed");
    await next();
  });

  bot.onMembersAdded(async (context, next) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) {
      await core.recordContact(teamsActor(context.activity));
    }
    await next();
  });

  return bot;
}

function inputValues(inputs: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [id, value] of Object.entries(inputs)) {
    if (typeof value === "string") values[neutralInputId(id)] = value;
    else if (typeof value === "boolean" || typeof value === "number")
      values[neutralInputId(id)] = String(value);
  }
  return values;
}

/** In channels the text starts with "<at>Bot</at>"; the mention is removed before the command is read. */
function withoutBotMention(context: TurnContext): string {
  const activity = context.activity;
  let text = activity.text ?? "";
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mentioned = (entity as { mentioned?: { id?: string } }).mentioned;
    const mentionText = (entity as { text?: string }).text;
    if (entity.type === "mention" && mentioned?.id === botId && mentionText) {
      text = text.split(mentionText).join(" ");
    }
  }
  return text.replace(/<at>[^<]*<\/at>/g, " ").trim();
}
