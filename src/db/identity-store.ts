// Chat identities: who talked to the bot from which platform and tenant, and the Teams conversation reference.
import { sql } from "drizzle-orm";
import type { Actor, IdentityStore } from "../core/ports.ts";
import type { Db } from "./client.ts";
import { chatIdentities } from "./schema.ts";

export function createIdentityStore(db: Db): IdentityStore {
  return {
    async recordContact(actor: Actor, at: Date) {
      const { platform, tenantId, userId } = actor.address;
      const rows = await db
        .insert(chatIdentities)
        .values({
          platform,
          tenantId,
          userId,
          conversationRef: actor.conversationRef ?? null,
          platformTimezone: actor.timezone ?? null,
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
          },
        })
        .returning({ personId: chatIdentities.personId });
      return { personId: rows[0]?.personId ?? null };
    },
  };
}
