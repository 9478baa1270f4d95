// Builds Bot Framework activities in the shape Teams sends them (see Microsoft's Bot Framework activity schema).
import { randomUUID } from "node:crypto";

export const TEAMS_TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const TEAMS_BOT_ID = "28:0f1e2d3c-bot-app-id";

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const teamsUserBob: TeamsUser = {
  id: "29:1bobTeamsUserId",
  aadObjectId: "00000000-0000-0000-0000-00000000b0b0",
  name: "Bob Okafor",
};

export function personalMessage(serviceUrl: string, text: string, from: TeamsUser = teamsUserBob) {
  return {
    type: "message",
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: {
      conversationType: "personal",
      tenantId: TEAMS_TENANT_ID,
      id: `a:personal-${from.aadObjectId}`,
    },
    recipient: { id: TEAMS_BOT_ID, name: "Collab" },
    textFormat: "plain",
    locale: "en-GB",
    text,
    entities: [
      { type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web", timezone: "Europe/London" },
    ],
    channelData: { tenant: { id: TEAMS_TENANT_ID } },
  };
}

export function channelMessage(serviceUrl: string, text: string, from: TeamsUser = teamsUserBob) {
  const mentionText = "<at>Collab</at>";
  return {
    ...personalMessage(serviceUrl, `${mentionText} ${text}`, from),
    conversation: {
      isGroup: true,
      conversationType: "channel",
      tenantId: TEAMS_TENANT_ID,
      id: "19:research-channel@thread.tacv2;messageid=1700000000000",
    },
    entities: [{ type: "mention", text: mentionText, mentioned: { id: TEAMS_BOT_ID, name: "Collab" } }],
    channelData: {
      tenant: { id: TEAMS_TENANT_ID },
      team: { id: "19:team@thread.tacv2" },
      channel: { id: "19:research-channel@thread.tacv2" },
    },
  };
}

export async function postActivity(baseUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof activity === "string" ? activity : JSON.stringify(activity),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * An Action.Execute press as Teams sends it: an `adaptiveCard/action` invoke whose value is the documented
 * { action: { type, id, verb, data }, trigger } (Adaptive Cards docs, "Universal Bot action model"), in the
 * envelope of a personal chat message. `data` holds the button's data merged with the card's input values.
 */
export function adaptiveCardInvoke(
  serviceUrl: string,
  action: { verb: string; data: Record<string, unknown> },
  /** trigger "automatic": Teams refreshing a card (its `refresh.action`) as a listed user views it. */
  options: { from?: TeamsUser; replyToId?: string; trigger?: "manual" | "automatic" } = {},
) {
  const { text: _text, textFormat: _format, ...base } = personalMessage(serviceUrl, "", options.from);
  return {
    ...base,
    type: "invoke",
    name: "adaptiveCard/action",
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: {
      action: { type: "Action.Execute", id: randomUUID(), verb: action.verb, data: action.data },
      trigger: options.trigger ?? "manual",
    },
    channelData: { tenant: { id: TEAMS_TENANT_ID }, source: { name: "message" } },
  };
}

/** installationUpdate for the personal app (add, remove, add-upgrade, remove-upgrade), as the Teams docs describe it. */
export function personalInstallationUpdate(
  serviceUrl: string,
  action: string,
  from: TeamsUser = teamsUserBob,
) {
  const { text: _text, textFormat: _format, ...base } = personalMessage(serviceUrl, "", from);
  return { ...base, type: "installationUpdate", action };
}

/** A personal message from someone in another Teams tenant (an organisation the bot was not set up for). */
export function strangerMessage(
  serviceUrl: string,
  text: string,
  tenantId = "00000000-0000-4000-8000-00000000dead",
) {
  const stranger: TeamsUser = {
    id: "29:1strangerTeamsUserId",
    aadObjectId: "00000000-0000-4000-8000-0000000051a1",
    name: "Sam Stranger",
  };
  const message = personalMessage(serviceUrl, text, stranger);
  return {
    ...message,
    conversation: { ...message.conversation, tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}
