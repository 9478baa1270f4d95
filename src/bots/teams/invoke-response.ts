// Answers a Universal Actions press (invoke adaptiveCard/action): the core's Reply as the invoke response body.
import type { InvokeResponse, TurnContext } from "botbuilder";
import type { Reply } from "../../core/feature.ts";
import type { Message } from "../../core/message.ts";
import { teamsTenantId } from "./actor.ts";
import { renderAdaptiveCard, renderAdaptiveCardForm } from "./render-adaptive-card.ts";
import { cardActivity, sendMessage } from "./teams-reply.ts";

/**
 * The body shapes of the "Universal Bot action model" docs (Adaptive Cards docs, "Response format"): Teams shows
 * a card answer in place of the card that was pressed, for the person who pressed it, and a message answer as a
 * short note under it, leaving the card as it was. The HTTP status is 200 whenever the bot handled the invoke.
 */
export const ADAPTIVE_CARD_TYPE = "application/vnd.microsoft.card.adaptive";
export const MESSAGE_TYPE = "application/vnd.microsoft.activity.message";
export const ERROR_TYPE = "application/vnd.microsoft.error";

export function cardAnswer(card: object): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: card } };
}

export function messageAnswer(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: text } };
}

export function errorAnswer(statusCode: 400 | 500, message: string): InvokeResponse {
  const code = statusCode === 400 ? "BadRequest" : "InternalError";
  return { status: 200, body: { statusCode, type: ERROR_TYPE, value: { code, message } } };
}

/** Only text: nothing to press or fill in, so it reads as well as a note under the card as in a new card. */
function textOnly(message: Message): boolean {
  return message.blocks.every((block) => ["text", "context", "header", "divider"].includes(block.type));
}

/**
 * The invoke answer for the core's Reply to a press. "update" (a check-in answered, an intro accepted) becomes the
 * card itself, so it changes in place without a second message; a follow-up form comes as a new card after it.
 * A text-only message (a refusal, "that button no longer works") is a note, so the card pressed stays usable.
 * A message with more than text, and a form, come as new cards, as they did with Action.Submit, and the note says so.
 */
export async function answerReply(
  context: TurnContext,
  reply: Reply,
  viewers: readonly string[] = [],
): Promise<InvokeResponse> {
  const tenantId = teamsTenantId(context.activity);
  switch (reply.kind) {
    case "update": {
      // A refreshed card that can be refreshed again keeps its viewers.
      const { card } = renderAdaptiveCard(reply.message, { tenantId, viewers });
      if (reply.form) {
        const form = renderAdaptiveCardForm(reply.form, { tenantId });
        await context.sendActivity(cardActivity(form.card, reply.form.title));
      }
      return cardAnswer(card);
    }
    case "message":
      if (textOnly(reply.message)) return messageAnswer(reply.message.summary);
      await sendMessage(context, reply.message);
      return messageAnswer(reply.message.summary);
    case "form": {
      const form = renderAdaptiveCardForm(reply.form, { tenantId });
      await context.sendActivity(cardActivity(form.card, reply.form.title));
      return messageAnswer(reply.form.title);
    }
    case "invalid":
      // The pressed card is replaced by the form again, holding what was typed and why it was refused.
      if (reply.form) return cardAnswer(renderAdaptiveCardForm(reply.form, { tenantId }).card);
      // A note rather than an error answer: Teams shows its own generic failure text for those.
      return messageAnswer(["Please check the form.", ...Object.values(reply.errors)].join("\n"));
    case "none":
      return messageAnswer("Done.");
  }
}
