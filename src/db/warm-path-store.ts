// Finds, for suggested people, a co-author of theirs who is also a co-author of the requester: only through papers
// none of the three hid, and never through anyone who turned publications off.
import { sql } from "drizzle-orm";
import type { WarmPaths } from "../core/suggestions/warm-path-port.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import { people, publicationAuthors } from "./schema.ts";

export function createWarmPaths(db: Db): WarmPaths {
  return {
    async sharedCoauthors(requesterId, candidateIds) {
      const paths = new Map<string, string>();
      if (candidateIds.length === 0) return paths;
      // requester —(paper a)— via —(paper b)— candidate; the via with most papers in common with both comes first.
      // A person who turned publications off is neither a path nor found through one (the requester included).
      const result = await db.execute(sql`
        select distinct on (c.person_id) c.person_id::text as candidate, v1.person_id::text as via
        from ${publicationAuthors} r
        join ${publicationAuthors} v1 on v1.publication_id = r.publication_id and not v1.hidden
        join ${publicationAuthors} v2 on v2.person_id = v1.person_id and not v2.hidden
        join ${publicationAuthors} c on c.publication_id = v2.publication_id and not c.hidden
        where r.person_id = ${requesterId} and not r.hidden
          and v1.person_id is not null and v1.person_id <> r.person_id
          and c.person_id = any(${arrayLiteral(candidateIds)}::uuid[])
          and c.person_id <> v1.person_id and c.person_id <> r.person_id
          and not exists (
            select 1 from ${people} off
            where off.id in (r.person_id, v1.person_id, c.person_id) and off.publications_off
          )
        group by c.person_id, v1.person_id
        order by c.person_id, count(*) desc, v1.person_id`);
      for (const row of rowsOf<{ candidate: string; via: string }>(result)) paths.set(row.candidate, row.via);
      return paths;
    },
  };
}
