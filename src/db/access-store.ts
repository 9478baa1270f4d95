// Roles as the access layer reads them: admin flag, active mentorships, and programme roles visible from a tenant.
import { and, eq, sql } from "drizzle-orm";
import type { AccessStore, ProgrammeRole } from "../core/access/access.ts";
import type { ChatAddress } from "../core/message.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import { mentorships, people } from "./schema.ts";

/**
 * A programme linked to workspaces or tenants (programme_tenants) is seen only from those (an org link from the
 * org's workspaces); one with no links from all. The terminal chat runs on the server itself, signed in by someone who can read the database anyway.
 */
export function visibleFrom(address: ChatAddress) {
  if (address.platform === "console") return sql`true`;
  // A link to an Enterprise Grid org (`slack:E…`, an org-wide install) covers its workspaces: the org of this
  // workspace is what its Slack identities were seen with (chat_identities.organisation_id).
  const orgLinked =
    address.platform === "slack"
      ? sql`or exists (select 1 from programme_tenants t where t.programme_id = pr.id and t.platform = 'slack'
          and t.tenant_id in (select ci.organisation_id from chat_identities ci where ci.platform = 'slack'
            and ci.tenant_id = ${address.tenantId} and ci.organisation_id is not null))`
      : sql``;
  return sql`(not exists (select 1 from programme_tenants t where t.programme_id = pr.id)
    or exists (select 1 from programme_tenants t where t.programme_id = pr.id
      and t.platform = ${address.platform} and t.tenant_id = ${address.tenantId})
    ${orgLinked})`;
}

export function createAccessStore(db: Db): AccessStore {
  return {
    async grantsOf(personId, address) {
      const [person] = await db.select({ admin: people.isAdmin }).from(people).where(eq(people.id, personId));
      const [mentor] = await db
        .select({ id: mentorships.id })
        .from(mentorships)
        .where(and(eq(mentorships.mentorId, personId), eq(mentorships.status, "active")))
        .limit(1);
      const result = await db.execute(sql`
        select pr.id, pr.name, bool_or(pm.role = 'coordinator') as coordinator
        from programmes pr
        join programme_members pm on pm.programme_id = pr.id and pm.person_id = ${personId}::uuid
        where ${visibleFrom(address)}
        group by pr.id, pr.name
        order by pr.name`);
      const programmes: ProgrammeRole[] = rowsOf<{ id: string; name: string; coordinator: boolean }>(
        result,
      ).map((row) => ({
        id: row.id,
        name: row.name,
        roles: row.coordinator ? ["member", "coordinator"] : ["member"],
      }));
      return { admin: person?.admin ?? false, mentor: mentor !== undefined, programmes };
    },
    async visibleAmong(programmeIds, address) {
      const result = await db.execute(sql`select pr.id from programmes pr
        where pr.id = any(${arrayLiteral(programmeIds)}::uuid[]) and ${visibleFrom(address)}`);
      return new Set(rowsOf<{ id: string }>(result).map((row) => row.id));
    },
  };
}
