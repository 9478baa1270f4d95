// Shows a core Reply in Teams: a card reply, a card form, or the card that held the button updated in place.
import { CardFactory, type TurnContext } from "botbuilder";
import type { Reply } from "../../core/feature.ts";
import type { Message } from "../../core/message.ts";
import { teamsTenantId } from "./actor.ts";
import { renderAdaptiveCard, renderAdaptiveCardForm } from "./render-adaptive-card.ts";

export function cardActivity(card: object, summary: string) {
  return { type: "message", summary, attachments: [CardFactory.adaptiveCard(card)] };
}

export async function sendMessage(context: TurnContext, message: Message): Promise<string | undefined> {
  const { card } = renderAdaptiveCard(message, { tenantId: teamsTenantId(context.activity) });
  const response = await context.sendActivity(cardActivity(card, message.summary));
  return response?.id;
}

export async function showReply(context: TurnContext, reply: Reply): Promise<void> {
  const tenantId = teamsTenantId(context.activity);
  switch (reply.kind) {
    case "message":
      await sendMessage(context, reply.message);
      return;
    case "form": {
      const { card } = renderAdaptiveCardForm(reply.form, { tenantId });
      await context.sendActivity(cardActivity(card, reply.form.title));
      return;
    }
    case "update": {
      const replyToId = context.activity.replyToId;
      if (replyToId) {
        const { card } = renderAdaptiveCard(reply.message, { tenantId });
        await context.updateActivity({ ...cardActivity(card, reply.message.summary), id: replyToId });
      } else {
        await sendMessage(context, reply.message);
      }
      if (reply.form) {
        const { card } = renderAdaptiveCardForm(reply.form, { tenantId });
        await context.sendActivity(cardActivity(card, reply.form.title));
      }
      return;
    }
    case "invalid":
      if (reply.form) {
        // The card is shown again with what was typed and why it was refused, to correct or rephrase.
        const { card } = renderAdaptiveCardForm(reply.form, { tenantId });
        await context.sendActivity(cardActivity(card, reply.form.title));
        return;
      }
      await sendMessage(context, {
        summary: "Please check the form.",
        blocks: [{ type: "text", text: Object.values(reply.errors).join("\n") }],
      });
      return;
    case "none":
      return;
  }
}
