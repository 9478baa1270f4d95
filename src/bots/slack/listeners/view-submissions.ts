// Modal form submissions: the core validates; errors keep the modal open beside the fields, success closes it.
import type { App } from "@slack/bolt";
import { DEFAULT_ACK_WITHIN_MS, late, within } from "../ack-deadline.ts";
import { slackActor } from "../actor.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";
import { showReply } from "../slack-reply.ts";
import { inputsFromState } from "../state-values.ts";

export function register(app: App, deps: SlackListenerDeps): void {
  app.view({ type: "view_submission" }, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown-team";
    const answer = deps.core.handleAction({
      actor: slackActor(teamId, body.user.id, body.user.name),
      actionId: view.callback_id,
      value: view.private_metadata ?? "",
      inputs: inputsFromState(view.state.values),
    });
    const reply = await within(answer, deps.ackWithinMs ?? DEFAULT_ACK_WITHIN_MS);
    if (reply === late) {
      // Too slow to keep the modal open with errors beside the fields: it closes, and the answer (problems
      // included) comes as a message.
      await ack();
      deps.logger.warn(
        { form: view.callback_id.slice(0, 80) },
        "Slack form answered after its ack (slow core)",
      );
      await showReply(await answer, { teamId, userId: body.user.id, client });
      return;
    }
    if (reply.kind === "invalid") {
      await ack({ response_action: "errors", errors: reply.errors });
      return;
    }
    await ack();
    await showReply(reply, { teamId, userId: body.user.id, client });
  });
}
