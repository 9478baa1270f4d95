// Grants and revokes admin and coordinator roles, audited; lists who holds them. Chat and the CLI share it.
import { and, asc, eq, sql } from "drizzle-orm";
import type { RoleListing, RoleStore } from "../core/access/role-port.ts";
import { visibleFrom } from "./access-store.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";
import { people, programmeMembers } from "./schema.ts";

export function createRoleStore(db: Db): RoleStore {
  return {
    async change({ role, email, programme, grant, by, from }) {
      return db.transaction(async (tx) => {
        const [person] = await tx
          .select({ id: people.id, name: people.name, admin: people.isAdmin })
          .from(people)
          .where(eq(people.email, email.trim().toLowerCase()));
        if (!person) return { ok: false, reason: "no-person" } as const;
        const audit = (changed: boolean, details: Record<string, unknown>) =>
          changed
            ? recordAudit(tx, {
                ...by,
                action: grant ? "role.grant" : "role.revoke",
                subject: person.id,
                details: { role, ...details },
              })
            : Promise.resolve();
        if (role === "admin") {
          if (!grant && person.admin) {
            // Counted under a lock on the admins' rows, so two revokes at once cannot both pass.
            const admins = await tx
              .select({ id: people.id })
              .from(people)
              .where(eq(people.isAdmin, true))
              .for("update");
            if (admins.length <= 1) return { ok: false, reason: "last-admin" } as const;
          }
          const changed = person.admin !== grant;
          if (changed) await tx.update(people).set({ isAdmin: grant }).where(eq(people.id, person.id));
          await audit(changed, {});
          return { ok: true, changed, person: person.name } as const;
        }
        const found = rowsOf<{ id: string; name: string }>(
          await tx.execute(sql`select pr.id, pr.name from programmes pr
            where lower(pr.name) = lower(${(programme ?? "").trim()})
              and ${from ? visibleFrom(from) : sql`true`}`),
        )[0];
        if (!found) return { ok: false, reason: "no-programme" } as const;
        const key = and(
          eq(programmeMembers.programmeId, found.id),
          eq(programmeMembers.personId, person.id),
          eq(programmeMembers.role, "coordinator"),
        );
        const changed = grant
          ? (
              await tx
                .insert(programmeMembers)
                .values({ programmeId: found.id, personId: person.id, role: "coordinator" })
                .onConflictDoNothing()
                .returning({ id: programmeMembers.personId })
            ).length > 0
          : (await tx.delete(programmeMembers).where(key).returning({ id: programmeMembers.personId }))
              .length > 0;
        await audit(changed, { programmeId: found.id });
        return { ok: true, changed, person: person.name, programme: found.name } as const;
      });
    },

    async list(from): Promise<RoleListing> {
      const admins = await db
        .select({ name: people.name, email: people.email })
        .from(people)
        .where(eq(people.isAdmin, true))
        .orderBy(asc(people.name));
      const coordinators = rowsOf<{ programme: string; name: string; email: string }>(
        await db.execute(sql`select pr.name as programme, p.name, p.email
          from programme_members pm
          join programmes pr on pr.id = pm.programme_id
          join people p on p.id = pm.person_id
          where pm.role = 'coordinator' and ${from ? visibleFrom(from) : sql`true`}
          order by pr.name, p.name`),
      );
      return { admins, coordinators };
    },
  };
}
