// A person's open intros for the home overview; implements the core's HomeIntroStore.
import { sql } from "drizzle-orm";
import type { HomeIntroStore, OpenIntro } from "../core/home/home-port.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";

export function createHomeIntroStore(db: Db): HomeIntroStore {
  return {
    async openIntrosOf(personId, now) {
      const result = await db.execute(sql`
        select i.id, i.expires_at,
          case when i.requester_id = ${personId}::uuid then 'sent' else 'received' end as direction,
          p.name as other_name, p.institution as other_institution
        from intros i
        join people p on p.id = case when i.requester_id = ${personId}::uuid then i.candidate_id else i.requester_id end
        where i.status = 'pending' and i.expires_at > ${now.toISOString()}::timestamptz
          and (i.requester_id = ${personId}::uuid or i.candidate_id = ${personId}::uuid)
        order by i.expires_at, i.id
        limit 50`);
      return rowsOf<{
        id: string;
        expires_at: unknown;
        direction: "sent" | "received";
        other_name: string;
        other_institution: string | null;
      }>(result).map(
        (row): OpenIntro => ({
          id: row.id,
          direction: row.direction,
          otherName: row.other_name,
          otherInstitution: row.other_institution,
          expiresAt: new Date(row.expires_at as string),
        }),
      );
    },
  };
}
