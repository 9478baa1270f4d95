// Teams installs and tenants: which tenants the bot serves, and dropping a conversation's references on uninstall.
import { sql } from "drizzle-orm";
import type { TeamsInstalls } from "../bots/teams/teams-installs.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";

export function createTeamsInstallStore(
  db: Db,
  options: { configuredTenantId?: string } = {},
): TeamsInstalls {
  const configured = options.configuredTenantId ?? null;
  return {
    async isStrangerTenant(tenantId) {
      // Each exists() is one index probe (chat_identities_platform_user leads with platform, tenant_id).
      const rows = rowsOf<{ known: boolean; any_known: boolean }>(
        await db.execute(sql`
          select
            ${configured}::text = ${tenantId}
              or exists (select 1 from programme_tenants where platform = 'teams' and tenant_id = ${tenantId})
              or exists (select 1 from chat_identities
                where platform = 'teams' and tenant_id = ${tenantId} and person_id is not null) as known,
            ${configured}::text is not null
              or exists (select 1 from programme_tenants where platform = 'teams')
              or exists (select 1 from chat_identities where platform = 'teams' and person_id is not null)
              as any_known`),
      );
      const row = rows[0];
      return Boolean(row?.any_known) && !row?.known;
    },

    async forgetConversation(removal) {
      return db.transaction(async (tx) => {
        const dropped = rowsOf<{ id: string; person_id: string | null }>(
          await tx.execute(sql`
            update chat_identities set conversation_ref = null, app_removed_at = now()
            where platform = 'teams' and tenant_id = ${removal.tenantId}
              and conversation_ref -> 'conversation' ->> 'id' = ${removal.conversationId}
            returning id, person_id`),
        );
        await recordAudit(tx, {
          actor: dropped.find((row) => row.person_id)?.person_id ?? "system",
          platform: "teams",
          action: "teams.app.removed",
          subject: removal.conversationId.slice(0, 200),
          details: {
            tenant: removal.tenantId,
            action: removal.action,
            references_dropped: dropped.length,
            identities: dropped.map((row) => row.id),
          },
        });
        return dropped.length;
      });
    },
  };
}
