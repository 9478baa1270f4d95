// `/collab <subcommand>` and `/find-collaborator <need>`: ack at once, then answer only the person who asked.
import type { App, SlashCommand } from "@slack/bolt";
import { DEFAULT_ACK_WITHIN_MS, late, within } from "../ack-deadline.ts";
import { slackActor } from "../actor.ts";
import { renderBlockKit } from "../render-block-kit.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";
import { showReply } from "../slack-reply.ts";

/** The commands registered here; any other is acked empty by the app (prompt-ack-app.ts). */
export const SLASH_COMMANDS = ["/collab", "/find-collaborator"] as const;

export function register(app: App, deps: SlackListenerDeps): void {
  for (const name of SLASH_COMMANDS) {
    app.command(name, async ({ ack, command, respond, client }) => {
      // A search may first have to read everyone's profiles: ack at once, answer through response_url.
      const ackFirst = command.command === "/find-collaborator";
      if (ackFirst) await ack();
      const answer = deps.core.handleCommand({
        actor: actorOf(command),
        text: command.text,
        slashCommand: command.command,
      });
      // A busy database must not cost the ack: past the deadline, ack empty and answer through response_url.
      const reply = ackFirst ? await answer : await within(answer, deps.ackWithinMs ?? DEFAULT_ACK_WITHIN_MS);
      if (reply === late) {
        await ack();
        deps.logger.warn({ command: command.command }, "Slack command answered after its ack (slow core)");
        await showReply(await answer, {
          teamId: command.team_id,
          userId: command.user_id,
          client,
          respond,
          triggerId: command.trigger_id,
        });
        return;
      }
      // A plain message goes back in the ack itself; anything else acks first, within Slack's 3 seconds.
      if (reply.kind === "message" && !ackFirst) {
        await ack({
          response_type: "ephemeral",
          ...renderBlockKit(reply.message, { tenantId: command.team_id }),
        });
        return;
      }
      if (!ackFirst) await ack();
      await showReply(reply, {
        teamId: command.team_id,
        userId: command.user_id,
        client,
        respond,
        triggerId: command.trigger_id,
      });
    });
  }
}

function actorOf(command: SlashCommand) {
  const actor = slackActor(command.team_id, command.user_id, command.user_name, command.enterprise_id);
  // Direct messages (D…) are not channels: `celebrate here` needs a real channel.
  const channelId = command.channel_id;
  return channelId && !channelId.startsWith("D") ? { ...actor, channel: { id: channelId } } : actor;
}
