// Modal form submissions: the core validates; errors keep the modal open beside the fields, success closes it.
import type { App } from "@slack/bolt";
import { slackActor } from "../actor.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";
import { showReply } from "../slack-reply.ts";
import { inputsFromState } from "../state-values.ts";

export function register(app: App, deps: SlackListenerDeps): void {
  app.view({ type: "view_submission" }, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown-team";
    const reply = await deps.core.handleAction({
      actor: slackActor(teamId, body.user.id, body.user.name),
      actionId: view.callback_id,
      value: view.private_metadata ?? "",
      inputs: inputsFromState(view.state.values),
    });
    if (reply.kind === "invalid") {
      await ack({ response_action: "errors", errors: reply.errors });
      return;
    }
    await ack();
    await showReply(reply, { teamId, userId: body.user.id, client });
  });
}
