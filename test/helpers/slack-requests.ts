// Builds and signs Slack requests the way Slack does: v0 HMAC-SHA256 over "v0:timestamp:body".
import { createHmac } from "node:crypto";

export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const TEST_BOT_TOKEN = "xoxb-test-0000000000-0000000000000-abcdefghijklmnopqrstuvwx";

export function signSlackBody(body: string, timestamp: number, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackPostOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  signature?: string | null;
  secret?: string;
  contentType?: string;
}

export async function postToSlackEndpoint(baseUrl: string, body: string, options: SlackPostOptions = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
  };
  const signature =
    options.signature === undefined ? signSlackBody(body, timestamp, options.secret) : options.signature;
  if (signature !== null) headers["x-slack-signature"] = signature;
  const response = await fetch(`${baseUrl}/slack/events`, { method: "POST", headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export interface SlashCommandFields {
  command: string;
  text: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  channel_id?: string;
  response_url: string;
  trigger_id?: string;
}

/** A slash command body as Slack sends it (form encoded), per docs.slack.dev's slash command reference. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: fields.team_id ?? "T0FAKE001",
    team_domain: "research-uni",
    channel_id: fields.channel_id ?? "C0GENERAL1",
    channel_name: "general",
    user_id: fields.user_id ?? "U0ALICE01",
    user_name: fields.user_name ?? "alice",
    command: fields.command,
    text: fields.text,
    api_app_id: "A0COLLAB01",
    is_enterprise_install: "false",
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? "13345224609.738474920.8088930838d88f008e0",
  }).toString();
}

/** An interactivity body: `payload=` followed by the JSON payload, form encoded. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
