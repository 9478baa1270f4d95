// Modal form submissions: the core validates; errors keep the modal open beside the fields, success closes it.
// A closed modal (view_closed) is acked: nothing was submitted, so nothing is saved and nothing is lost.
import type { App } from "@slack/bolt";
import { DEFAULT_ACK_WITHIN_MS, late, within } from "../ack-deadline.ts";
import { enterpriseOf, slackActor } from "../actor.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";
import { showReply } from "../slack-reply.ts";
import { inputsFromState } from "../state-values.ts";

export function register(app: App, deps: SlackListenerDeps): void {
  app.view({ type: "view_submission" }, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown-team";
    const answer = deps.core.handleAction({
      actor: slackActor(teamId, body.user.id, body.user.name, enterpriseOf(body)),
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

  // Slack sends view_closed for any modal opened with notify_on_close and shows an error without an ack. The
  // person cancelled: whatever they typed was never submitted, and the message that opened the form still works.
  app.view({ type: "view_closed" }, async ({ ack, view }) => {
    await ack();
    deps.logger.debug({ form: view.callback_id.slice(0, 80) }, "Slack modal closed without submitting");
  });
}
