// Shows a core Reply on Slack: an ephemeral message, a modal, or the clicked message replaced in place.
import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../core/feature.ts";
import type { Message } from "../../core/message.ts";
import { renderBlockKit, renderSlackModal } from "./render-block-kit.ts";

export interface SlackReplyTarget {
  teamId: string;
  userId: string;
  client: webApi.WebClient;
  respond?: RespondFn;
  triggerId?: string;
  /** The message that held the clicked button, unless it was ephemeral (chat.update cannot change those). */
  container?: { channelId: string; messageTs: string };
}

export async function showReply(reply: Reply, target: SlackReplyTarget): Promise<void> {
  const ctx = { tenantId: target.teamId };
  switch (reply.kind) {
    case "message":
      await showPrivately(reply.message, target);
      return;
    case "form":
      if (!target.triggerId) throw new Error("a Slack form needs a trigger_id");
      await target.client.views.open({
        trigger_id: target.triggerId,
        view: renderSlackModal(reply.form, ctx),
      });
      return;
    case "update": {
      // The modal goes first, at the same time: a trigger_id is only good for 3 seconds after the click.
      const form = reply.form;
      const results = await Promise.allSettled([
        form && target.triggerId
          ? target.client.views.open({ trigger_id: target.triggerId, view: renderSlackModal(form, ctx) })
          : Promise.resolve(),
        replaceClicked(reply.message, target),
      ]);
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      return;
    }
    case "invalid":
      await showPrivately(
        {
          summary: "Please check the form.",
          blocks: [{ type: "text", text: Object.values(reply.errors).join("\n") }],
        },
        target,
      );
      return;
    case "none":
      return;
  }
}

/** Replaces the message that held the button: chat.update, or response_url for an ephemeral message. */
async function replaceClicked(message: Message, target: SlackReplyTarget): Promise<void> {
  const rendered = renderBlockKit(message, { tenantId: target.teamId });
  if (target.container) {
    await target.client.chat.update({
      channel: target.container.channelId,
      ts: target.container.messageTs,
      ...rendered,
    });
  } else if (target.respond) {
    await target.respond({ replace_original: true, ...rendered });
  }
}

async function showPrivately(message: Message, target: SlackReplyTarget): Promise<void> {
  const rendered = renderBlockKit(message, { tenantId: target.teamId });
  if (target.respond) {
    await target.respond({ response_type: "ephemeral", replace_original: false, ...rendered });
  } else {
    // No response_url (a modal submission): write in the app's direct message with the person.
    await target.client.chat.postMessage({ channel: target.userId, ...rendered });
  }
}
