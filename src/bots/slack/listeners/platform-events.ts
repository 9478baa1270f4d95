// Events API deliveries: each event_id is processed once (Slack retries); uninstalls and revoked bot tokens stop
// deliveries to that workspace (recorded and audited).
import type { App } from "@slack/bolt";
import type { AuditTrail, EventLedger, WorkspaceStatus } from "../../../core/platform-events.ts";
import type { Logger } from "../../../logger.ts";

export interface PlatformEventDeps {
  ledger: EventLedger;
  audit: AuditTrail;
  workspaces: WorkspaceStatus;
  logger: Logger;
}

interface EventEnvelope {
  type?: unknown;
  event_id?: unknown;
  team_id?: unknown;
  enterprise_id?: unknown;
  is_enterprise_install?: unknown;
  authorizations?: { is_enterprise_install?: unknown }[];
  event?: { type?: unknown; tokens?: { oauth?: unknown; bot?: unknown } };
}

const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
const teamOf = (body: EventEnvelope) => (typeof body.team_id === "string" ? body.team_id : null);
const eventIdOf = (body: EventEnvelope) =>
  typeof body.event_id === "string" ? { eventId: body.event_id.slice(0, 100) } : {};

/**
 * Where the app was removed: an org-wide (Enterprise Grid) install is removed from the whole org, keyed by its
 * enterprise id; otherwise the workspace, by its team id.
 */
function removedFrom(body: EventEnvelope): { tenantId: string; organisation: boolean } | null {
  const orgWide =
    body.is_enterprise_install === true || body.authorizations?.[0]?.is_enterprise_install === true;
  if (orgWide && typeof body.enterprise_id === "string")
    return { tenantId: body.enterprise_id, organisation: true };
  const team = teamOf(body);
  if (team) return { tenantId: team, organisation: false };
  return typeof body.enterprise_id === "string" ? { tenantId: body.enterprise_id, organisation: true } : null;
}

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
    const where = removedFrom(envelope);
    if (!where) return;
    const { failed } = await deps.workspaces.markUninstalled({
      ...where,
      status: "uninstalled",
      at: new Date(),
      ...eventIdOf(envelope),
    });
    deps.logger.warn(
      { tenant: where.tenantId, failedDeliveries: failed },
      "The Slack app was uninstalled from a workspace; deliveries there stop until it is reinstalled",
    );
  });

  app.event("tokens_revoked", async ({ body }) => {
    const envelope = body as EventEnvelope;
    const tokens = envelope.event?.tokens;
    const revoked = { oauth: count(tokens?.oauth), bot: count(tokens?.bot) };
    const where = removedFrom(envelope);
    // Only a revoked bot token stops the bot; revoked user tokens (the app asks for none) are just audited.
    if (where && revoked.bot > 0) {
      const { failed } = await deps.workspaces.markUninstalled({
        ...where,
        status: "tokens_revoked",
        at: new Date(),
        revoked,
        ...eventIdOf(envelope),
      });
      deps.logger.warn(
        { tenant: where.tenantId, ...revoked, failedDeliveries: failed },
        "The Slack bot token was revoked in a workspace; deliveries there stop until it is reinstalled",
      );
      return;
    }
    deps.logger.info({ team: teamOf(envelope), ...revoked }, "Slack user tokens were revoked in a workspace");
    await deps.audit.record({
      actor: "slack",
      platform: "slack",
      action: "slack.tokens_revoked",
      subject: teamOf(envelope),
      details: { ...eventIdOf(envelope), ...revoked },
    });
  });
}
