// Events API deliveries: each event_id is processed once (Slack retries), and uninstalls and revoked tokens are audited.
import type { App } from "@slack/bolt";
import type { AuditTrail, EventLedger } from "../../../core/platform-events.ts";
import type { Logger } from "../../../logger.ts";

export interface PlatformEventDeps {
  ledger: EventLedger;
  audit: AuditTrail;
  logger: Logger;
}

interface EventEnvelope {
  type?: unknown;
  event_id?: unknown;
  team_id?: unknown;
  event?: { type?: unknown; tokens?: { oauth?: unknown; bot?: unknown } };
}

const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
const teamOf = (body: EventEnvelope) => (typeof body.team_id === "string" ? body.team_id : null);

export function register(app: App, deps: PlatformEventDeps): void {
  // Global middleware: Bolt has acknowledged the delivery already; a retry of a seen event_id stops here.
  app.use(async ({ body, context, next }) => {
    const envelope = body as EventEnvelope;
    if (envelope.type === "event_callback" && typeof envelope.event_id === "string") {
      const first = await deps.ledger.firstSeen(envelope.event_id.slice(0, 100), new Date());
      if (!first) {
        deps.logger.info(
          {
            eventId: envelope.event_id.slice(0, 100),
            retryNum: context.retryNum,
            retryReason: context.retryReason,
          },
          "Slack event already processed; retry skipped",
        );
        return;
      }
    }
    await next();
  });

  app.event("app_uninstalled", async ({ body }) => {
    const envelope = body as EventEnvelope;
    const team = teamOf(envelope);
    deps.logger.warn({ team }, "The Slack app was uninstalled from a workspace");
    await deps.audit.record({
      actor: "slack",
      platform: "slack",
      action: "slack.app_uninstalled",
      subject: team,
      details: { eventId: envelope.event_id },
    });
  });

  app.event("tokens_revoked", async ({ body }) => {
    const envelope = body as EventEnvelope;
    const team = teamOf(envelope);
    const tokens = envelope.event?.tokens;
    const revoked = { oauth: count(tokens?.oauth), bot: count(tokens?.bot) };
    deps.logger.warn({ team, ...revoked }, "Slack tokens were revoked in a workspace");
    await deps.audit.record({
      actor: "slack",
      platform: "slack",
      action: "slack.tokens_revoked",
      subject: team,
      details: { eventId: envelope.event_id, ...revoked },
    });
  });
}
