// Sends and updates outbox messages in Teams through saved conversation references (proactive messages).
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from "botbuilder";
import type { Message } from "../../core/message.ts";
import { type ChatSender, DeliveryError } from "../../core/outgoing.ts";
import { renderAdaptiveCard } from "./render-adaptive-card.ts";

interface HttpErrorShape {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?: (name: string) => string | undefined } & Record<string, unknown> };
}

function retryAfterMs(error: HttpErrorShape): number | undefined {
  const headers = error.response?.headers;
  const value = headers?.get?.("retry-after") ?? (headers?.["retry-after"] as string | undefined);
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export function classifyTeamsError(error: unknown): DeliveryError {
  const e = error as HttpErrorShape;
  const status = e.statusCode;
  if (status === 429) return new DeliveryError("retry", "Teams rate limit (429)", retryAfterMs(e) ?? 1000);
  if (status === 403)
    return new DeliveryError("permanent", "Teams refused (403): the app may be blocked or uninstalled");
  if (status === 404)
    return new DeliveryError("permanent", "Teams conversation not found (404): the person may have left");
  if (status === 401) return new DeliveryError("permanent", "Teams refused the bot's credentials (401)");
  if (status !== undefined && status >= 400 && status < 500 && status !== 408) {
    return new DeliveryError("permanent", `Teams answered HTTP ${status}`);
  }
  return new DeliveryError(
    "retry",
    status ? `Teams answered HTTP ${status}` : `Teams unreachable (${e.code ?? "network error"})`,
  );
}

function cardActivity(message: Message, tenantId: string) {
  const { card } = renderAdaptiveCard(message, { tenantId });
  return { type: "message", summary: message.summary, attachments: [CardFactory.adaptiveCard(card)] };
}

export function createTeamsSender(adapter: CloudAdapter, appId: string | undefined): ChatSender {
  // The adapter sends a turn's errors to onTurnError (which would message the user); we want them here instead.
  async function inConversation(
    reference: unknown,
    work: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!reference) throw new DeliveryError("permanent", "no Teams conversation reference for this person");
    let failure: unknown;
    await adapter.continueConversationAsync(
      appId ?? "",
      reference as Partial<ConversationReference>,
      async (context) => {
        try {
          await work(context);
        } catch (error) {
          failure = error;
        }
      },
    );
    if (failure) throw failure instanceof DeliveryError ? failure : classifyTeamsError(failure);
  }

  return {
    async send(delivery) {
      let messageId = "";
      const reference = delivery.target.conversationRef as Partial<ConversationReference> | undefined;
      await inConversation(reference, async (context) => {
        const response = await context.sendActivity(cardActivity(delivery.message, delivery.tenantId));
        messageId = response?.id ?? "";
      });
      return { messageId, channelId: reference?.conversation?.id ?? delivery.target.id };
    },
    async update(target, message) {
      await inConversation(target.conversationRef, async (context) => {
        await context.updateActivity({ ...cardActivity(message, target.tenantId), id: target.messageId });
      });
    },
  };
}
