// Sends and updates outbox messages through Slack's Web API, translating Slack's errors into retry or give up.
import type { webApi } from "@slack/bolt";
import { messageForDoor } from "../../core/door-traits.ts";
import { type ChatSender, DeliveryError } from "../../core/outgoing.ts";
import { renderBlockKit } from "./render-block-kit.ts";
import { SlackNotInstalledError } from "./slack-oauth.ts";
import { slackTraits } from "./slack-traits.ts";

// Errors after which sending again cannot help; the reason is shown to coordinators in the digest.
const permanentReasons: Record<string, string> = {
  user_not_found: "Slack user not found: they may have left the workspace",
  channel_not_found: "Slack channel not found, or the bot cannot see it",
  not_in_channel: "the bot is not in that Slack channel: invite it with /invite @Collab",
  is_archived: "the Slack channel is archived",
  account_inactive: "the Slack account is deactivated",
  user_disabled: "the Slack account is deactivated",
  cannot_dm_bot: "that Slack user is a bot",
  invalid_auth: "the Slack token is not valid: check SLACK_BOT_TOKEN",
  not_authed: "the Slack token is missing: check SLACK_BOT_TOKEN",
  token_revoked: "the Slack app was uninstalled or its token revoked",
  msg_too_long: "the message is too long for Slack",
  invalid_blocks: "Slack rejected the message layout",
  message_not_found: "the Slack message to update no longer exists",
  cant_update_message: "the Slack message can no longer be updated",
};

interface SlackErrorShape {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

export function classifySlackError(error: unknown): DeliveryError {
  const e = error as SlackErrorShape;
  switch (e.code) {
    case "slack_webapi_rate_limited_error":
      return new DeliveryError("retry", "Slack rate limit (429)", (e.retryAfter ?? 1) * 1000);
    case "slack_webapi_platform_error": {
      const code = e.data?.error ?? "unknown_error";
      if (code === "ratelimited") return new DeliveryError("retry", "Slack rate limit", 1000);
      const permanent = permanentReasons[code];
      return permanent
        ? new DeliveryError("permanent", permanent)
        : new DeliveryError("retry", `Slack error ${code}`);
    }
    case "slack_webapi_http_error":
      return (e.statusCode ?? 500) >= 500 || e.statusCode === 408
        ? new DeliveryError("retry", `Slack answered HTTP ${e.statusCode}`)
        : new DeliveryError("permanent", `Slack answered HTTP ${e.statusCode}`);
    default:
      return new DeliveryError("retry", `Slack unreachable (${e.code ?? "network error"})`);
  }
}

/** How a message finds its workspace's token: one token for all (SLACK_BOT_TOKEN), or one per installation. */
export type SlackTokenFor = (teamId: string) => Promise<string>;

/**
 * With OAuth (several workspaces) each message is sent with the token of the workspace it goes to (the target's
 * team id); a workspace that is not (or no longer) installed is a permanent failure that coordinators see.
 */
export function createSlackSender(client: webApi.WebClient, tokenFor?: SlackTokenFor): ChatSender {
  const tokenArg = async (teamId: string): Promise<{ token?: string }> => {
    if (!tokenFor) return {};
    try {
      return { token: await tokenFor(teamId) };
    } catch (error) {
      if (error instanceof SlackNotInstalledError) {
        throw new DeliveryError("permanent", "the Slack app is not installed in that workspace");
      }
      throw new DeliveryError("retry", "the Slack installation could not be read");
    }
  };
  return {
    async send(delivery) {
      const message = messageForDoor(delivery.message, slackTraits);
      const rendered = renderBlockKit(message, { tenantId: delivery.tenantId });
      const token = await tokenArg(delivery.tenantId);
      try {
        // Posting to a user id writes in the app's direct message with them; no conversations.open needed.
        const response = await client.chat.postMessage({
          ...token,
          channel: delivery.target.id,
          ...rendered,
        });
        return { messageId: String(response.ts), channelId: String(response.channel ?? delivery.target.id) };
      } catch (error) {
        throw classifySlackError(error);
      }
    },
    async update(target, message) {
      const rendered = renderBlockKit(message, { tenantId: target.tenantId });
      const token = await tokenArg(target.tenantId);
      try {
        await client.chat.update({ ...token, channel: target.channelId, ts: target.messageId, ...rendered });
      } catch (error) {
        throw classifySlackError(error);
      }
    },
  };
}
