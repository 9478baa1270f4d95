// The app's Home tab: when a person opens it, the core's home overview is published to it (views.publish).
import type { App } from "@slack/bolt";
import { HOME_OPEN_ACTION } from "../../../core/home/create-home-feature.ts";
import { slackActor } from "../actor.ts";
import { renderSlackHome } from "../render-block-kit.ts";
import type { SlackListenerDeps } from "../slack-listener-deps.ts";

interface HomeEnvelope {
  team_id?: unknown;
  enterprise_id?: unknown;
}

export function register(app: App, deps: SlackListenerDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    // The Messages tab needs nothing from us; the Home tab is built afresh each time it is opened.
    if (event.tab !== "home") return;
    const envelope = body as HomeEnvelope;
    const teamId = typeof envelope.team_id === "string" ? envelope.team_id : "unknown-team";
    const enterpriseId = typeof envelope.enterprise_id === "string" ? envelope.enterprise_id : undefined;
    const reply = await deps.core.handleAction({
      actor: slackActor(teamId, event.user, undefined, enterpriseId),
      actionId: HOME_OPEN_ACTION,
      value: "",
    });
    if (reply.kind !== "message") return;
    await client.views.publish({
      user_id: event.user,
      view: renderSlackHome(reply.message, { tenantId: teamId }),
    });
    deps.logger.debug({}, "Slack Home tab published");
  });
}
