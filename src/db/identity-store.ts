// Chat identities: who talked to the bot from which platform and tenant, and the Teams conversation reference.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Actor, IdentityStore } from "../core/ports.ts";
import type { Db } from "./client.ts";
import { chatIdentities } from "./schema.ts";

export function createIdentityStore(db: Db): IdentityStore {
  return {
    async recordContact(actor: Actor, at: Date) {
      const { platform, tenantId, userId } = actor.address;
      const organisationId = actor.organisationId ?? null;
      const rows = await db
        .insert(chatIdentities)
        .values({
          platform,
          tenantId,
          userId,
          conversationRef: actor.conversationRef ?? null,
          platformTimezone: actor.timezone ?? null,
          organisationId,
          lastSeenAt: at,
        })
        .onConflictDoUpdate({
          target: [chatIdentities.platform, chatIdentities.tenantId, chatIdentities.userId],
          set: {
            lastSeenAt: at,
            conversationRef: sql`coalesce(excluded.conversation_ref, ${chatIdentities.conversationRef})`,
            // A fresh reference (the app reinstalled, or opened again) makes the person reachable again.
            appRemovedAt: sql`case when excluded.conversation_ref is null then ${chatIdentities.appRemovedAt} end`,
            platformTimezone: sql`coalesce(excluded.platform_timezone, ${chatIdentities.platformTimezone})`,
            organisationId: sql`coalesce(excluded.organisation_id, ${chatIdentities.organisationId})`,
          },
        })
        .returning({ id: chatIdentities.id, personId: chatIdentities.personId });
      const row = rows[0];
      if (row?.personId || !row || !organisationId) return { personId: row?.personId ?? null };
      return { personId: await adoptFromOrganisation(db, row.id, { platform, organisationId, userId }) };
    },
  };
}

/**
 * Slack Enterprise Grid: a user keeps one user id across the org's workspaces, so an identity first seen in a
 * second workspace belongs to the person already linked to that user id in another workspace of the org.
 * Links this identity to them (if it has no person yet) and answers their id, or null when nobody is linked.
 */
async function adoptFromOrganisation(
  db: Db,
  identityId: string,
  key: { platform: string; organisationId: string; userId: string },
): Promise<string | null> {
  const [sibling] = await db
    .select({ personId: chatIdentities.personId })
    .from(chatIdentities)
    .where(
      and(
        eq(chatIdentities.platform, key.platform),
        eq(chatIdentities.organisationId, key.organisationId),
        eq(chatIdentities.userId, key.userId),
        isNotNull(chatIdentities.personId),
      ),
    )
    .orderBy(sql`${chatIdentities.lastSeenAt} desc nulls last`)
    .limit(1);
  if (!sibling?.personId) return null;
  const [linked] = await db
    .update(chatIdentities)
    .set({ personId: sibling.personId })
    .where(and(eq(chatIdentities.id, identityId), isNull(chatIdentities.personId)))
    .returning({ personId: chatIdentities.personId });
  if (linked) return linked.personId;
  // Linked meanwhile by someone else (an import, another request): theirs stands.
  const [now] = await db
    .select({ personId: chatIdentities.personId })
    .from(chatIdentities)
    .where(eq(chatIdentities.id, identityId));
  return now?.personId ?? null;
}
