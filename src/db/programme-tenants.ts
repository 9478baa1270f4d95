// Links programmes to the Slack workspaces and Teams tenants that may see them (programme_tenants), audited.
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { programmes, programmeTenants } from "./schema.ts";

export interface TenantLink {
  platform: "slack" | "teams";
  tenantId: string;
}

async function programmeId(db: Db, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(sql`lower(${programmes.name}) = lower(${name.trim()})`);
  return row?.id ?? null;
}

/** Adds or removes a link; null when there is no programme of that name, else whether anything changed. */
export async function setProgrammeTenant(
  db: Db,
  input: { programme: string; link: TenantLink; linked: boolean; by: { actor: string; platform: string } },
): Promise<boolean | null> {
  return db.transaction(async (tx) => {
    const id = await programmeId(tx, input.programme);
    if (!id) return null;
    const { platform, tenantId } = input.link;
    const changed = input.linked
      ? await tx
          .insert(programmeTenants)
          .values({ programmeId: id, platform, tenantId })
          .onConflictDoNothing()
          .returning({ id: programmeTenants.programmeId })
      : await tx
          .delete(programmeTenants)
          .where(
            and(
              eq(programmeTenants.programmeId, id),
              eq(programmeTenants.platform, platform),
              eq(programmeTenants.tenantId, tenantId),
            ),
          )
          .returning({ id: programmeTenants.programmeId });
    if (changed.length > 0) {
      await recordAudit(tx, {
        ...input.by,
        action: input.linked ? "programme.link" : "programme.unlink",
        subject: id,
        details: { platform, tenantId },
      });
    }
    return changed.length > 0;
  });
}

/** Every programme with its links (none: visible from every workspace and tenant). */
export async function listProgrammeTenants(db: Db): Promise<{ name: string; links: TenantLink[] }[]> {
  const rows = await db
    .select({
      name: programmes.name,
      platform: programmeTenants.platform,
      tenantId: programmeTenants.tenantId,
    })
    .from(programmes)
    .leftJoin(programmeTenants, eq(programmeTenants.programmeId, programmes.id))
    .orderBy(asc(programmes.name), asc(programmeTenants.platform), asc(programmeTenants.tenantId));
  const byName = new Map<string, TenantLink[]>();
  for (const row of rows) {
    const links = byName.get(row.name) ?? [];
    if (row.platform && row.tenantId) {
      links.push({ platform: row.platform === "teams" ? "teams" : "slack", tenantId: row.tenantId });
    }
    byName.set(row.name, links);
  }
  return [...byName].map(([name, links]) => ({ name, links }));
}
