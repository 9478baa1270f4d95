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
      // Who turned publications off is checked on the grouped pairs (a few rows, by primary key), so that the
      // walk over papers keeps its plan.
      const result = await db.execute(sql`
        select distinct on (g.candidate) g.candidate::text as candidate, g.via::text as via
        from (
          select c.person_id as candidate, v1.person_id as via, count(*) as shared
          from ${publicationAuthors} r
          join ${publicationAuthors} v1 on v1.publication_id = r.publication_id and not v1.hidden
          join ${publicationAuthors} v2 on v2.person_id = v1.person_id and not v2.hidden
          join ${publicationAuthors} c on c.publication_id = v2.publication_id and not c.hidden
          where r.person_id = ${requesterId} and not r.hidden
            and v1.person_id is not null and v1.person_id <> r.person_id
            and c.person_id = any(${arrayLiteral(candidateIds)}::uuid[])
            and c.person_id <> v1.person_id and c.person_id <> r.person_id
          group by c.person_id, v1.person_id
        ) g
        join ${people} via on via.id = g.via and not via.publications_off
        join ${people} candidate on candidate.id = g.candidate and not candidate.publications_off
        where not exists (select 1 from ${people} me where me.id = ${requesterId} and me.publications_off)
        order by g.candidate, g.shared desc, g.via`);
      for (const row of rowsOf<{ candidate: string; via: string }>(result)) paths.set(row.candidate, row.via);
      return paths;
    },
  };
}
