// Button presses and menu choices in messages: ack, pass the neutral action to the core, show its reply.
import type { App, BlockAction } from "@slack/bolt";
import { enterpriseOf, slackActor } from "../actor.ts";
import { neutralActionId } from "../render-block-kit.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";
import { showReply } from "../slack-reply.ts";
import { inputsFromState } from "../state-values.ts";

export function register(app: App, deps: SlackListenerDeps): void {
  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown-team";
    const value = actionValue(action);
    const reply = await deps.core.handleAction({
      actor: slackActor(teamId, body.user.id, body.user.name, enterpriseOf(body)),
      actionId: neutralActionId(action.action_id),
      value,
      inputs: inputsFromState(body.state?.values),
    });
    const container = body.container as
      | { channel_id?: string; message_ts?: string; is_ephemeral?: boolean }
      | undefined;
    await showReply(reply, {
      teamId,
      userId: body.user.id,
      client,
      respond,
      triggerId: body.trigger_id,
      ...(container?.channel_id && container.message_ts && !container.is_ephemeral
        ? { container: { channelId: container.channel_id, messageTs: container.message_ts } }
        : {}),
    });
  });
}

function actionValue(action: BlockAction["actions"][number]): string {
  if ("value" in action && typeof action.value === "string") return action.value;
  if ("selected_option" in action && action.selected_option) return action.selected_option.value ?? "";
  return "";
}
