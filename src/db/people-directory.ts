// Reads people as messages name them: name, institution and their chat identities (for mentions).
import { and, inArray, isNotNull } from "drizzle-orm";
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
      const [rows, identities] = await Promise.all([
        db
          .select({ id: people.id, name: people.name, institution: people.institution })
          .from(people)
          .where(inArray(people.id, ids)),
        db
          .select()
          .from(chatIdentities)
          .where(and(inArray(chatIdentities.personId, ids), isNotNull(chatIdentities.personId))),
      ]);
      for (const row of rows) {
        const addresses: ChatAddress[] = identities
          .filter((i) => i.personId === row.id)
          .map((i) => ({ platform: i.platform as Platform, tenantId: i.tenantId, userId: i.userId }));
        refs.set(row.id, { id: row.id, name: row.name, institution: row.institution, identities: addresses });
      }
      return refs;
    },
  };
}
