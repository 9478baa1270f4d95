// Reads people as messages name them: name, institution and their chat identities (for mentions).
import { eq, inArray } from "drizzle-orm";
import type { ChatAddress, PersonRef, Platform } from "../core/message.ts";
import type { PeopleDirectory } from "../core/ports.ts";
import type { Db } from "./client.ts";
import { chatIdentities, people } from "./schema.ts";

export function createPeopleDirectory(db: Db): PeopleDirectory {
  return {
    async personRefs(personIds) {
      const refs = new Map<string, PersonRef>();
      if (personIds.length === 0) return refs;
      const ids = [...new Set(personIds)];
      // One round trip (people joined to their identities), not two: on a busy machine each query waits for the
      // database to be scheduled, and /find-collaborator waits for this before it answers.
      const rows = await db
        .select({
          id: people.id,
          name: people.name,
          institution: people.institution,
          platform: chatIdentities.platform,
          tenantId: chatIdentities.tenantId,
          userId: chatIdentities.userId,
        })
        .from(people)
        .leftJoin(chatIdentities, eq(chatIdentities.personId, people.id))
        .where(inArray(people.id, ids));
      const addressesOf = new Map<string, ChatAddress[]>();
      for (const row of rows) {
        let addresses = addressesOf.get(row.id);
        if (!addresses) {
          addresses = [];
          addressesOf.set(row.id, addresses);
          refs.set(row.id, {
            id: row.id,
            name: row.name,
            institution: row.institution,
            identities: addresses,
          });
        }
        if (row.platform !== null && row.tenantId !== null && row.userId !== null) {
          addresses.push({ platform: row.platform as Platform, tenantId: row.tenantId, userId: row.userId });
        }
      }
      return refs;
    },
  };
}
