// The Teams activity handler: thin — translate the activity, call the core, render an Adaptive Card.
import { ActivityHandler, CardFactory, type TurnContext } from "botbuilder";
import type { Core } from "../../core/create-core.ts";
import type { Message } from "../../core/message.ts";
import type { Logger } from "../../logger.ts";
import { teamsActor, teamsTenantId } from "./actor.ts";
import { renderAdaptiveCard } from "./render-adaptive-card.ts";

export function createCollabTeamsBot(core: Core, logger: Logger): ActivityHandler {
  const bot = new ActivityHandler();

  bot.onMessage(async (context, next) => {
    const activity = context.activity;
    // In channels the text starts with "<at>Bot</at>"; only our own mention is removed.
    const text = TurnContextText.withoutBotMention(context);
    if (text) {
      const reply = await core.handleCommand({ actor: teamsActor(activity), text });
      await sendMessage(context, reply.message);
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

export async function sendMessage(context: TurnContext, message: Message): Promise<string | undefined> {
  const { card } = renderAdaptiveCard(message, { tenantId: teamsTenantId(context.activity) });
  const response = await context.sendActivity({
    type: "message",
    summary: message.summary,
    attachments: [CardFactory.adaptiveCard(card)],
  });
  return response?.id;
}

const TurnContextText = {
  withoutBotMention(context: TurnContext): string {
    const activity = context.activity;
    let text = activity.text ?? "";
    const botId = activity.recipient?.id;
    for (const entity of activity.entities ?? []) {
      const mentioned = (entity as { mentioned?: { id?: string }; text?: string }).mentioned;
      const mentionText = (entity as { text?: string }).text;
      if (entity.type === "mention" && mentioned?.id === botId && mentionText) {
        text = text.split(mentionText).join(" ");
      }
    }
    return text.replace(/<at>[^<]*<\/at>/g, " ").trim();
  },
};
