// `/collab <subcommand>`: ack at once with the core's reply, visible only to the person who asked.
import type { App } from "@slack/bolt";
import type { Core } from "../../../core/create-core.ts";
import { slackActor } from "../actor.ts";
import { renderBlockKit } from "../render-block-kit.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";

export function register(app: App, deps: SlackListenerDeps): void {
  app.command("/collab", async ({ ack, command }) => {
    const reply = await replyTo(deps.core, command.team_id, command.user_id, command.user_name, command.text);
    await ack({ response_type: "ephemeral", ...renderBlockKit(reply, { tenantId: command.team_id }) });
  });
}

async function replyTo(core: Core, teamId: string, userId: string, userName: string, text: string) {
  const reply = await core.handleCommand({
    actor: slackActor(teamId, userId, userName),
    text,
    slashCommand: "/collab",
  });
  return reply.message;
}
