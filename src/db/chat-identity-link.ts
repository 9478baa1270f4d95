// Finds a person by email and links a chat identity to them: how the terminal chat signs a person in.
import { eq } from "drizzle-orm";
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

/** Creates the identity, or points an existing one at this person; when it was last seen is left to recordContact. */
export async function linkChatIdentity(db: Db, personId: string, address: ChatAddress): Promise<void> {
  await db
    .insert(chatIdentities)
    .values({ personId, platform: address.platform, tenantId: address.tenantId, userId: address.userId })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.tenantId, chatIdentities.userId],
      set: { personId },
    });
}
