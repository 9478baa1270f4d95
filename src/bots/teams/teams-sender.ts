// Sends and updates outbox messages in Teams through saved conversation references (proactive messages).
import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationReference,
  TurnContext,
} from "botbuilder";
import { messageForDoor } from "../../core/door-traits.ts";
import type { Message } from "../../core/message.ts";
import { type ChatSender, DeliveryError } from "../../core/outgoing.ts";
import { renderAdaptiveCard } from "./render-adaptive-card.ts";
import { teamsTraits } from "./teams-traits.ts";

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

function cardActivity(message: Message, tenantId: string, viewers: string[] = []): Partial<Activity> {
  const { card } = renderAdaptiveCard(message, { tenantId, viewers });
  return { type: "message", summary: message.summary, attachments: [CardFactory.adaptiveCard(card)] };
}

/** Who a card sent into a personal chat is for: that chat's user (the only one who can view it there). */
function viewersOf(reference: Partial<ConversationReference> | undefined): string[] {
  const user = reference?.user?.id;
  return reference?.conversation?.conversationType === "personal" && user ? [user] : [];
}

/** The calls of botframework-connector's ConnectorClient used here; each takes a per-request timeout. */
interface ConnectorConversations {
  replyToActivity(id: string, replyTo: string, activity: Partial<Activity>, options: RequestOptions): Reply;
  sendToConversation(id: string, activity: Partial<Activity>, options: RequestOptions): Reply;
  updateActivity(id: string, activityId: string, activity: Partial<Activity>, options: RequestOptions): Reply;
}
type RequestOptions = { timeout: number };
type Reply = Promise<{ id?: string }>;

export interface TeamsSenderOptions {
  /** How long one Bot Connector request may take before it is abandoned and the outbox retries; default 10 s. */
  requestTimeoutMs?: number;
}

export function createTeamsSender(
  adapter: CloudAdapter,
  appId: string | undefined,
  options: TeamsSenderOptions = {},
): ChatSender {
  const requestOptions = { timeout: options.requestTimeoutMs ?? 10_000 };
  // TurnContext.sendActivity has no timeout, and a hung request would hold a delivery forever: call the turn's
  // connector client as the adapter would (reply to the continuation activity, or send), with one.
  function conversationsOf(context: TurnContext): ConnectorConversations {
    const client = context.turnState.get(adapter.ConnectorClientKey) as
      | { conversations: ConnectorConversations }
      | undefined;
    if (!client) throw new DeliveryError("retry", "no Teams connector client for this turn");
    return client.conversations;
  }
  function addressed(context: TurnContext, activity: Partial<Activity>): Partial<Activity> {
    return TurnContext.applyConversationReference(
      activity,
      TurnContext.getConversationReference(context.activity),
    );
  }

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
        const activity = addressed(
          context,
          cardActivity(
            messageForDoor(delivery.message, teamsTraits),
            delivery.tenantId,
            viewersOf(reference),
          ),
        );
        const conversations = conversationsOf(context);
        const conversationId = activity.conversation!.id;
        const response = activity.replyToId
          ? await conversations.replyToActivity(conversationId, activity.replyToId, activity, requestOptions)
          : await conversations.sendToConversation(conversationId, activity, requestOptions);
        messageId = response?.id ?? "";
      });
      return { messageId, channelId: reference?.conversation?.id ?? delivery.target.id };
    },
    async update(target, message) {
      await inConversation(target.conversationRef, async (context) => {
        const activity = addressed(context, {
          ...cardActivity(message, target.tenantId),
          id: target.messageId,
        });
        await conversationsOf(context).updateActivity(
          activity.conversation!.id,
          target.messageId,
          activity,
          requestOptions,
        );
      });
    },
  };
}
