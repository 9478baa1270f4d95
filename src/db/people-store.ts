// Stores validated people CSV rows in one transaction: people by email, their programmes, roles and chat identities.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { PersonImportRow } from "../core/people-csv.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { isPlaceholderEmail } from "./profile-store.ts";
import { chatIdentities, people, programmeMembers, programmes } from "./schema.ts";

export interface ImportPeopleResult {
  created: number;
  updated: number;
  /** How many distinct programmes the file names. */
  programmes: number;
}

type PersonFields = Partial<typeof people.$inferInsert>;

/** The columns the file has; an absent column leaves the stored value alone. */
function personFields(row: PersonImportRow): PersonFields {
  const fields: PersonFields = {
    name: row.name,
    institution: row.institution,
    department: row.department,
    role: row.role,
    careerStage: row.careerStage,
    expertise: row.expertise,
    methods: row.methods,
    offers: row.offers,
    needs: row.needs,
    conflictsWith: row.conflictsWith,
    timezone: row.timezone,
    country: row.country,
    region: row.region,
    openToMentoring: row.openToMentoring,
    orcid: row.orcid,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function programmeIds(tx: Db, names: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const chunk of chunks(names, 1000)) {
    await tx
      .insert(programmes)
      .values(chunk.map((name) => ({ name })))
      .onConflictDoNothing({ target: programmes.name });
    const found = await tx.select().from(programmes).where(inArray(programmes.name, chunk));
    for (const programme of found) ids.set(programme.name, programme.id);
  }
  return ids;
}

/** Makes the person's programme roles what the row says; digest settings of kept roles are preserved. */
async function syncMemberships(tx: Db, personId: string, row: PersonImportRow, ids: Map<string, string>) {
  let current: string[];
  if (row.programmes !== undefined) {
    current = row.programmes.map((name) => ids.get(name)).filter((id): id is string => id !== undefined);
    const mine = eq(programmeMembers.personId, personId);
    await tx
      .delete(programmeMembers)
      .where(current.length > 0 ? and(mine, notInArray(programmeMembers.programmeId, current)) : mine);
    if (current.length > 0) {
      await tx
        .insert(programmeMembers)
        .values(current.map((programmeId) => ({ programmeId, personId, role: "member" })))
        .onConflictDoNothing();
    }
  } else {
    const rows = await tx
      .selectDistinct({ programmeId: programmeMembers.programmeId })
      .from(programmeMembers)
      .where(eq(programmeMembers.personId, personId));
    current = rows.map((r) => r.programmeId);
  }
  if (row.coordinator === undefined) return;
  if (!row.coordinator || current.length === 0) {
    await tx
      .delete(programmeMembers)
      .where(and(eq(programmeMembers.personId, personId), eq(programmeMembers.role, "coordinator")));
    return;
  }
  await tx
    .insert(programmeMembers)
    .values(current.map((programmeId) => ({ programmeId, personId, role: "coordinator" })))
    .onConflictDoNothing();
}

async function linkIdentity(tx: Db, personId: string, platform: string, tenantId: string, userId: string) {
  await tx
    .insert(chatIdentities)
    .values({ personId, platform, tenantId, userId })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.tenantId, chatIdentities.userId],
      set: { personId },
    });
}

/**
 * Someone who made their profile in chat before the file named them has a placeholder email: the row whose chat
 * ids are theirs gives that person its real email, so the import updates them instead of making a second person.
 */
async function adoptChatPerson(tx: Db, row: PersonImportRow) {
  const accounts: [string, string, string][] = [];
  if (row.slack) accounts.push(["slack", row.slack.teamId, row.slack.userId]);
  if (row.teams) accounts.push(["teams", row.teams.tenantId, row.teams.aadObjectId]);
  for (const [platform, tenantId, userId] of accounts) {
    const [found] = await tx
      .select({ id: people.id, email: people.email })
      .from(chatIdentities)
      .innerJoin(people, eq(people.id, chatIdentities.personId))
      .where(
        and(
          eq(chatIdentities.platform, platform),
          eq(chatIdentities.tenantId, tenantId),
          eq(chatIdentities.userId, userId),
        ),
      );
    if (found && isPlaceholderEmail(found.email)) {
      await tx.update(people).set({ email: row.email }).where(eq(people.id, found.id));
      return;
    }
  }
}

/** Imports all rows or none: people are keyed by email, so a second import updates instead of duplicating. */
export async function importPeople(db: Db, rows: readonly PersonImportRow[]): Promise<ImportPeopleResult> {
  return db.transaction(async (tx) => {
    const existing = new Set<string>();
    for (const chunk of chunks(
      rows.map((row) => row.email),
      1000,
    )) {
      const found = await tx.select({ email: people.email }).from(people).where(inArray(people.email, chunk));
      for (const person of found) existing.add(person.email);
    }
    const names = [...new Set(rows.flatMap((row) => row.programmes ?? []))];
    const ids = await programmeIds(tx, names);
    for (const row of rows) {
      if (!existing.has(row.email)) await adoptChatPerson(tx, row);
      const fields = personFields(row);
      const [saved] = await tx
        .insert(people)
        .values({ ...fields, email: row.email, name: row.name, institution: row.institution })
        .onConflictDoUpdate({ target: people.email, set: { ...fields, updatedAt: sql`now()` } })
        .returning({ id: people.id });
      if (!saved) throw new Error(`the upsert of row ${row.row} returned no id`);
      await syncMemberships(tx, saved.id, row, ids);
      if (row.slack) await linkIdentity(tx, saved.id, "slack", row.slack.teamId, row.slack.userId);
      if (row.teams) await linkIdentity(tx, saved.id, "teams", row.teams.tenantId, row.teams.aadObjectId);
    }
    const updated = rows.filter((row) => existing.has(row.email)).length;
    const result = { created: rows.length - updated, updated, programmes: names.length };
    await recordAudit(tx, { actor: "cli", platform: "cli", action: "people.import", details: { ...result } });
    return result;
  });
}
