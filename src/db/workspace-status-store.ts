// Workspaces the app was removed from: recorded, audited, and their waiting deliveries failed with a reason.
import { and, eq, sql } from "drizzle-orm";
import type { WorkspaceRemoval, WorkspaceStatus } from "../core/platform-events.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";
import { chatWorkspaceStatus } from "./schema.ts";

/** What coordinators read in the digest for a member the bot can no longer write to there (reach-advice.ts). */
export const WORKSPACE_REASONS: Record<WorkspaceRemoval["status"], string> = {
  uninstalled: "the app was uninstalled from this Slack workspace — reinstall it",
  tokens_revoked: "the app's access to this Slack workspace was revoked — reinstall it",
};

/**
 * Records that the app can no longer write to a Slack workspace (`tenantId` a team id) or a whole Enterprise
 * Grid org (an enterprise id, `organisation` true), fails its waiting deliveries with the reason (they are not
 * retried) and audits it, in one transaction. Kept apart from any installation store: an OAuth install that
 * brings the app back calls markWorkspaceInstalled.
 */
export async function markWorkspaceUninstalled(
  db: Db,
  removal: WorkspaceRemoval,
): Promise<{ failed: number }> {
  const reason = WORKSPACE_REASONS[removal.status];
  const at = removal.at.toISOString();
  return db.transaction(async (tx) => {
    await tx
      .insert(chatWorkspaceStatus)
      .values({
        platform: "slack",
        tenantId: removal.tenantId,
        status: removal.status,
        reason,
        changedAt: removal.at,
      })
      .onConflictDoUpdate({
        target: [chatWorkspaceStatus.platform, chatWorkspaceStatus.tenantId],
        set: { status: removal.status, reason, changedAt: removal.at },
      });
    // An org-wide removal reaches every workspace of the org its members were seen in.
    const inScope = removal.organisation
      ? sql`(o.tenant_id = ${removal.tenantId} or o.tenant_id in (select ci.tenant_id from chat_identities ci
          where ci.platform = 'slack' and ci.organisation_id = ${removal.tenantId}))`
      : sql`o.tenant_id = ${removal.tenantId}`;
    // next_attempt_at becomes the time it failed, as the digest counts failures by it.
    const failed = await tx.execute(sql`
      update outbox o set status = 'failed', last_error = ${reason}, locked_until = null,
        next_attempt_at = ${at}::timestamptz
      where o.platform = 'slack' and o.status = 'pending' and ${inScope}
      returning o.id`);
    const count = rowsOf<{ id: unknown }>(failed).length;
    await recordAudit(tx, {
      actor: "slack",
      platform: "slack",
      action: removal.status === "uninstalled" ? "slack.app_uninstalled" : "slack.tokens_revoked",
      subject: removal.tenantId,
      details: {
        ...(removal.eventId ? { eventId: removal.eventId } : {}),
        organisation: removal.organisation,
        failedDeliveries: count,
        ...(removal.revoked ? removal.revoked : {}),
      },
    });
    return { failed: count };
  });
}

/** The app is installed (again) in this workspace or org: deliveries there may go out. */
export async function markWorkspaceInstalled(db: Db, tenantId: string): Promise<void> {
  await db
    .delete(chatWorkspaceStatus)
    .where(and(eq(chatWorkspaceStatus.platform, "slack"), eq(chatWorkspaceStatus.tenantId, tenantId)));
}

/** Slack workspaces and orgs the bot cannot write to, each with the reason to record on a delivery. */
export async function blockedWorkspaces(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ tenantId: chatWorkspaceStatus.tenantId, reason: chatWorkspaceStatus.reason })
    .from(chatWorkspaceStatus)
    .where(eq(chatWorkspaceStatus.platform, "slack"));
  return new Map(rows.map((row) => [row.tenantId, row.reason]));
}

export function createWorkspaceStatus(db: Db): WorkspaceStatus {
  return {
    markUninstalled: (removal) => markWorkspaceUninstalled(db, removal),
    markInstalled: (tenantId) => markWorkspaceInstalled(db, tenantId),
  };
}
