// Slack Events API requests as Slack sends them: the event_callback envelope, signed, posted as JSON.
import { signSlackBody } from "./slack-requests.ts";

export interface EnvelopeFields {
  team: string;
  eventId: string;
  event: Record<string, unknown>;
  /** Enterprise Grid: the org's id beside team_id. */
  enterprise?: string;
  /** The bot's authorization for this workspace, as newer envelopes carry it. */
  authorizations?: boolean;
}

/** An event_callback envelope, per docs.slack.dev's Events API reference. */
export function eventEnvelope(fields: EnvelopeFields): string {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: fields.team,
    ...(fields.enterprise ? { enterprise_id: fields.enterprise } : {}),
    api_app_id: "A0COLLAB01",
    event: fields.event,
    type: "event_callback",
    event_id: fields.eventId,
    event_time: Math.floor(Date.now() / 1000),
    ...(fields.authorizations
      ? {
          authorizations: [
            { team_id: fields.team, user_id: "U0BOT0001", is_bot: true, is_enterprise_install: false },
          ],
        }
      : {}),
  });
}

/** Posts an Events API body to /slack/events, signed; `retry` adds Slack's redelivery headers. */
export async function postSlackEvent(
  baseUrl: string,
  body: string,
  retry?: { num: number; reason: string },
): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackBody(body, timestamp),
  };
  if (retry) {
    headers["x-slack-retry-num"] = String(retry.num);
    headers["x-slack-retry-reason"] = retry.reason;
  }
  const response = await fetch(`${baseUrl}/slack/events`, { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}
