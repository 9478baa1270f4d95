// /find-collaborator questions, kept for a week behind the short reference in each "Request intro" button.
import { eq, lt } from "drizzle-orm";
import type { FindRequestStore } from "../core/suggestions/find-request-port.ts";
import type { Db } from "./client.ts";
import { findRequests } from "./schema.ts";

export function createFindRequestStore(db: Db): FindRequestStore {
  return {
    async record(requesterId, need, candidateIds, now) {
      const [row] = await db
        .insert(findRequests)
        .values({ requesterId, need, candidateIds: [...candidateIds], createdAt: now })
        .returning({ id: findRequests.id });
      return row!.id;
    },
    async byId(id) {
      const [row] = await db.select().from(findRequests).where(eq(findRequests.id, id));
      return row ?? null;
    },
    async prune(before) {
      const gone = await db
        .delete(findRequests)
        .where(lt(findRequests.createdAt, before))
        .returning({ id: findRequests.id });
      return gone.length;
    },
  };
}
