// Finds a person by email and links a chat identity to them: how the terminal chat signs a person in.
import { and, eq, ne } from "drizzle-orm";
import type { ChatAddress } from "../core/message.ts";
import type { Db } from "./client.ts";
import { chatIdentities, people } from "./schema.ts";

export interface PersonName {
  id: string;
  name: string;
  institution: string;
}

export async function findPersonByEmail(db: Db, email: string): Promise<PersonName | null> {
  const [row] = await db
    .select({ id: people.id, name: people.name, institution: people.institution })
    .from(people)
    .where(eq(people.email, email.trim().toLowerCase()));
  return row ?? null;
}

/**
 * Creates the identity, or points an existing one at this person; when it was last seen is left to recordContact.
 * Answers whether it was new, and the other platforms the person has an identity on.
 */
export async function linkChatIdentity(
  db: Db,
  personId: string,
  address: ChatAddress,
): Promise<{ created: boolean; otherPlatforms: string[] }> {
  const key = and(
    eq(chatIdentities.platform, address.platform),
    eq(chatIdentities.tenantId, address.tenantId),
    eq(chatIdentities.userId, address.userId),
  );
  const [existing] = await db.select({ id: chatIdentities.id }).from(chatIdentities).where(key);
  await db
    .insert(chatIdentities)
    .values({ personId, platform: address.platform, tenantId: address.tenantId, userId: address.userId })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.tenantId, chatIdentities.userId],
      set: { personId },
    });
  const others = await db
    .selectDistinct({ platform: chatIdentities.platform })
    .from(chatIdentities)
    .where(and(eq(chatIdentities.personId, personId), ne(chatIdentities.platform, address.platform)));
  return { created: !existing, otherPlatforms: others.map((o) => o.platform).sort() };
}
