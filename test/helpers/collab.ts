// Profiles to seed, and the Slack interaction payloads and Teams card submissions of the collaborator flows.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { outbox, people } from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { type SeedPerson, seedPerson } from "./seed.ts";
import { interactionBody, postToSlackEndpoint, slashCommandBody } from "./slack-requests.ts";
import {
  personalMessage,
  postActivity,
  TEAMS_BOT_ID,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "./teams-activities.ts";

export interface SeedProfile extends SeedPerson {
  department?: string;
  role?: string;
  expertise?: string[];
  methods?: string[];
  offers?: string[];
  needs?: string[];
  openToMentoring?: boolean;
}

/** A person with a full profile and chat identities, straight into the database. */
export async function seedProfile(db: Db, profile: SeedProfile): Promise<string> {
  const id = await seedPerson(db, profile);
  await db
    .update(people)
    .set({
      department: profile.department ?? null,
      role: profile.role ?? null,
      expertise: profile.expertise ?? [],
      methods: profile.methods ?? [],
      offers: profile.offers ?? [],
      needs: profile.needs ?? [],
      openToMentoring: profile.openToMentoring ?? false,
    })
    .where(eq(people.id, id));
  return id;
}

export interface SlackUser {
  id: string;
  name: string;
}

/** A block_actions payload as Slack documents it: one button pressed in a message. */
export function blockActionsPayload(input: {
  user: SlackUser;
  actionId: string;
  value: string;
  label?: string;
  responseUrl: string;
  container: { channelId: string; messageTs: string; ephemeral?: boolean };
  teamId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? FAKE_TEAM_ID;
  return {
    type: "block_actions",
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: teamId },
    api_app_id: "A0COLLAB01",
    token: "deprecated-verification-token",
    container: {
      type: "message",
      message_ts: input.container.messageTs,
      channel_id: input.container.channelId,
      is_ephemeral: input.container.ephemeral ?? false,
    },
    trigger_id: `${Date.now()}.738474920.${randomUUID().slice(0, 8)}`,
    team: { id: teamId, domain: "research-uni" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.container.channelId, name: "directmessage" },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.actionId,
        block_id: randomUUID().slice(0, 5),
        text: { type: "plain_text", text: input.label ?? "Button", emoji: true },
        value: input.value,
        type: "button",
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

interface ModalBlock {
  type: string;
  block_id?: string;
  element?: { type: string; action_id: string; options?: { text: unknown; value: string }[] };
}

export interface ModalView {
  type: "modal";
  callback_id: string;
  private_metadata?: string;
  title: unknown;
  blocks: ModalBlock[];
}

/**
 * A view_submission payload for a modal the bot opened: state.values keyed by each input block's block_id and
 * its element's action_id, as Slack sends them (plain_text_input → value, static_select → selected_option).
 */
export function viewSubmissionPayload(input: {
  user: SlackUser;
  view: ModalView;
  values: Record<string, string>;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? FAKE_TEAM_ID;
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of input.view.blocks) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const { element } = block;
    const typed = input.values[block.block_id];
    if (element.type === "static_select") {
      const option = element.options?.find((o) => o.value === typed);
      values[block.block_id] = {
        [element.action_id]: { type: "static_select", selected_option: option ?? null },
      };
    } else {
      values[block.block_id] = {
        [element.action_id]: { type: element.type, value: typed ?? null },
      };
    }
  }
  return {
    type: "view_submission",
    team: { id: teamId, domain: "research-uni" },
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: teamId },
    api_app_id: "A0COLLAB01",
    token: "deprecated-verification-token",
    trigger_id: `${Date.now()}.738474920.${randomUUID().slice(0, 8)}`,
    view: {
      id: "V0PROFILE1",
      team_id: teamId,
      type: "modal",
      blocks: input.view.blocks,
      private_metadata: input.view.private_metadata ?? "",
      callback_id: input.view.callback_id,
      state: { values },
      hash: "1700000000.abcdefgh",
      title: input.view.title,
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: "V0PROFILE1",
      previous_view_id: null,
      app_id: "A0COLLAB01",
      external_id: "",
      app_installed_team_id: teamId,
      bot_id: "B0FAKE001",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export async function postInteraction(baseUrl: string, payload: Record<string, unknown>) {
  return postToSlackEndpoint(baseUrl, interactionBody(payload));
}

/** A person presses a button of a Slack message; Bolt acks before the click is processed (wait for its effect). */
export async function pressSlackButton(
  t: { baseUrl: string; slackApi: { responseUrl(id?: string): string } },
  user: SlackUser,
  button: { action_id: string; value?: string },
  container: { channelId: string; messageTs: string; ephemeral?: boolean },
  responseUrlId = "unused",
) {
  return postInteraction(
    t.baseUrl,
    blockActionsPayload({
      user,
      actionId: button.action_id,
      value: button.value ?? "",
      responseUrl: t.slackApi.responseUrl(responseUrlId),
      container,
    }),
  );
}

/** What Teams sends when a card's Action.Submit is pressed: the button's data merged with the card's inputs. */
export function teamsSubmit(
  serviceUrl: string,
  from: TeamsUser,
  data: Record<string, unknown>,
  replyToId?: string,
) {
  const base = personalMessage(serviceUrl, "", from);
  const { text: _text, ...rest } = base;
  return {
    ...rest,
    ...(replyToId ? { replyToId } : {}),
    value: data,
    channelData: { tenant: { id: TEAMS_TENANT_ID }, source: { name: "message" }, legacy: { replyToId } },
    recipient: { id: TEAMS_BOT_ID, name: "Collab" },
  };
}

export async function teamsSay(baseUrl: string, serviceUrl: string, from: TeamsUser, text: string) {
  return postActivity(baseUrl, personalMessage(serviceUrl, text, from));
}

interface CardAction {
  type: string;
  title: string;
  data: { actionId: string; value?: string };
}

/** The Adaptive Card of an activity the bot sent, and its Action.Submit buttons wherever they are. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as { content: Record<string, unknown> }[] | undefined;
  return attachments?.[0]?.content ?? {};
}

export function submitActions(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "Action.Submit") found.push(record as unknown as CardAction);
      for (const value of Object.values(record)) walk(value);
    }
  };
  walk(card);
  return found;
}

interface SlackButton {
  type: "button";
  action_id: string;
  value?: string;
  text: { text: string };
}

export function slackButtons(blocks: unknown): SlackButton[] {
  const found: SlackButton[] = [];
  for (const block of (blocks ?? []) as { type: string; elements?: SlackButton[] }[]) {
    if (block.type === "actions") found.push(...(block.elements ?? []).filter((e) => e.type === "button"));
  }
  return found;
}

export async function outboxOf(db: Db, kind: string) {
  return (await db.select().from(outbox).where(eq(outbox.kind, kind))).sort((a, b) => a.id - b.id);
}

/**
 * What Slack shows for a slash command: the ack's body, or, for commands that ack at once (/find-collaborator),
 * the answer posted to its response_url (waited for).
 */
export async function slashAnswer(
  slackApi: { calls: { method: string; args: Record<string, unknown> }[] },
  response: { text: string },
  responseUrlId: string,
): Promise<string> {
  if (response.text.trim() !== "") return response.text;
  return vi.waitFor(() => {
    const answers = slackApi.calls.filter((c) => c.method === "response_url" && c.args._id === responseUrlId);
    if (answers.length === 0) throw new Error("no answer at the response_url yet");
    return JSON.stringify(answers.map((c) => c.args));
  });
}

/** A signed `/collab <text>` from a Slack user; its response_url is named after the user. */
export function collabSlash(
  app: { baseUrl: string; slackApi: { responseUrl(id?: string): string } },
  userId: string,
  text: string,
  channelId?: string,
) {
  return postToSlackEndpoint(
    app.baseUrl,
    slashCommandBody({
      command: "/collab",
      text,
      user_id: userId,
      ...(channelId ? { channel_id: channelId } : {}),
      response_url: app.slackApi.responseUrl(userId),
    }),
  );
}

/**
 * `/collab <text>` as a Slack user, answered at a response_url of its own, so an answer posted late is never
 * mistaken for an earlier command's.
 */
export function collabAsker(app: {
  baseUrl: string;
  slackApi: { responseUrl(id?: string): string; calls: { method: string; args: Record<string, unknown> }[] };
}) {
  let asked = 0;
  return async (userId: string, text: string): Promise<string> => {
    const id = `${userId}-${++asked}`;
    const response = await collabSlash(
      { baseUrl: app.baseUrl, slackApi: { responseUrl: () => app.slackApi.responseUrl(id) } },
      userId,
      text,
    );
    return slashAnswer(app.slackApi, response, id);
  };
}
