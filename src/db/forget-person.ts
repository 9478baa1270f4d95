// Erases one person everywhere in one transaction: their rows, messages to them, and mentions of them in others' rows.
import { and, eq, getTableColumns, getTableName, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { primaryKeyColumns, schemaTables } from "./export-data.ts";
import { chatIdentities, checkinPrompts, intros, outbox, partnerships, people } from "./schema.ts";

/** Counts by SQL table name; no personal data. */
export interface ForgetResult {
  /** Rows removed. */
  deleted: Record<string, number>;
  /** Rows kept with their link to the person set to null. */
  unlinked: Record<string, number>;
  /** Other rows kept with the person's email, ids or name taken out of their text. */
  scrubbed: Record<string, number>;
}

/** What identifies the person: ids and email match anywhere, the name only as a whole word in free text. */
interface Tokens {
  exact: string[];
  names: string[];
  uuids: string[];
}

const FORGOTTEN = "[forgotten]";
/** Tables whose rows are other people's own profiles: a namesake's name there is not a mention. */
const profileTables = new Set(["people", "chat_identities"]);

function add(counts: Record<string, number>, table: string, n: number) {
  if (n > 0) counts[table] = (counts[table] ?? 0) + n;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function stringsOf(ref: unknown, path: readonly string[]): string | undefined {
  let value: unknown = ref;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" && value.trim().length > 0 ? value : undefined;
}

function tokensOf(
  person: typeof people.$inferSelect,
  identities: (typeof chatIdentities.$inferSelect)[],
): Tokens {
  const exact = [person.id, person.email];
  const names = [person.name];
  for (const identity of identities) {
    exact.push(identity.id, identity.userId);
    const ref = identity.conversationRef;
    for (const path of [
      ["user", "id"],
      ["user", "aadObjectId"],
    ]) {
      const value = stringsOf(ref, path);
      if (value) exact.push(value);
    }
    const conversationId = stringsOf(ref, ["conversation", "id"]);
    if (conversationId && stringsOf(ref, ["conversation", "conversationType"]) === "personal") {
      exact.push(conversationId);
    }
    const displayName = stringsOf(ref, ["user", "name"]);
    if (displayName) names.push(displayName);
  }
  const clean = (list: string[]) => [
    ...new Set(list.map((token) => token.trim()).filter((t) => t.length > 0)),
  ];
  return { exact: clean(exact), names: clean(names), uuids: [person.id, ...identities.map((i) => i.id)] };
}

class Scrubber {
  private readonly exact: RegExp[];
  private readonly whole: Set<string>;
  constructor(tokens: Tokens, withNames: boolean) {
    const names = withNames ? tokens.names : [];
    this.exact = [
      ...tokens.exact.map((token) => new RegExp(escapeRegExp(token), "giu")),
      ...names.map((name) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "giu")),
    ];
    this.whole = new Set([...tokens.exact, ...names].map((token) => token.toLowerCase()));
  }

  isToken(text: string): boolean {
    return this.whole.has(text.trim().toLowerCase());
  }

  text(text: string): string {
    return this.exact.reduce((result, pattern) => result.replace(pattern, FORGOTTEN), text);
  }

  json(value: unknown): unknown {
    if (typeof value === "string") return this.isToken(value) ? FORGOTTEN : this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.text(key), this.json(item)]),
      );
    }
    return value;
  }
}

type Change = { kind: "delete" } | { kind: "update"; set: Record<string, unknown> } | null;

function scrubRow(
  row: Record<string, unknown>,
  columns: [string, PgColumn][],
  tokens: Tokens,
  scrub: Scrubber,
) {
  const set: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = row[key];
    const type = column.getSQLType();
    const nullable = !column.notNull && !column.primary;
    if (type === "uuid" && typeof value === "string" && tokens.uuids.includes(value)) {
      if (!nullable) return { kind: "delete" } satisfies Change;
      set[key] = null;
    } else if (type === "text" && typeof value === "string") {
      if (scrub.isToken(value) && column.primary) return { kind: "delete" } satisfies Change;
      const next = scrub.isToken(value) ? (nullable ? null : FORGOTTEN) : scrub.text(value);
      if (next !== value) set[key] = next;
    } else if (type === "text[]" && Array.isArray(value)) {
      const next = value
        .filter((item) => !scrub.isToken(String(item)))
        .map((item) => scrub.text(String(item)));
      if (JSON.stringify(next) !== JSON.stringify(value)) set[key] = next;
    } else if (type === "jsonb" && value !== null && value !== undefined) {
      const next = scrub.json(value);
      if (JSON.stringify(next) !== JSON.stringify(value)) set[key] = next;
    }
  }
  return Object.keys(set).length > 0 ? ({ kind: "update", set } satisfies Change) : null;
}

/** Finds the rows of one table that mention the person and takes the mention out. */
async function scrubTable(tx: Db, table: PgTable, tokens: Tokens): Promise<number> {
  const withNames = !profileTables.has(getTableName(table));
  const scrub = new Scrubber(tokens, withNames);
  const patterns = [...tokens.exact, ...(withNames ? tokens.names : [])].map((t) => `%${escapeLike(t)}%`);
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const conditions: SQL[] = [];
  for (const [, column] of columns) {
    const type = column.getSQLType();
    if (type === "uuid") conditions.push(inArray(column, tokens.uuids));
    if (type === "text" || type === "text[]" || type === "jsonb") {
      for (const pattern of patterns) conditions.push(sql`${column}::text ilike ${pattern}`);
    }
  }
  if (conditions.length === 0) return 0;
  const rows: Record<string, unknown>[] = await tx
    .select()
    .from(table)
    .where(or(...conditions));
  const keys = primaryKeyColumns(table);
  const keyOf = new Map(columns.map(([key, column]) => [column, key]));
  let changed = 0;
  for (const row of rows) {
    const change = scrubRow(row, columns, tokens, scrub);
    if (!change) continue;
    const where = and(...keys.map((column) => eq(column, row[keyOf.get(column) ?? ""])));
    if (change.kind === "delete") await tx.delete(table).where(where);
    else await tx.update(table).set(change.set).where(where);
    changed += 1;
  }
  return changed;
}

/** Rows that point at the person through a foreign key: counted, and removed first when the key would block. */
async function countLinks(tx: Db, personId: string, result: ForgetResult) {
  for (const table of schemaTables()) {
    const name = getTableName(table);
    if (name === "people") continue;
    for (const key of getTableConfig(table).foreignKeys) {
      const reference = key.reference();
      const [column] = reference.columns;
      if (getTableName(reference.foreignTable) !== "people" || !column) continue;
      const n = await tx.$count(table, eq(column, personId));
      if (key.onDelete === "set null") add(result.unlinked, name, n);
      else if (key.onDelete === "cascade") add(result.deleted, name, n);
      else if (n > 0) {
        await tx.delete(table).where(eq(column, personId));
        add(result.deleted, name, n);
      }
    }
  }
}

/** Messages addressed to them go, whether or not the outbox row names them by person_id. */
async function dropMessages(tx: Db, personId: string, tokens: Tokens, result: ForgetResult) {
  const addressed = or(
    eq(outbox.personId, personId),
    ...tokens.exact.map((token) => sql`${outbox.target}::text ilike ${`%${escapeLike(token)}%`}`),
  );
  const messages = await tx
    .select({ id: outbox.id, personId: outbox.personId })
    .from(outbox)
    .where(addressed);
  const ids = messages.map((message) => message.id);
  if (ids.length === 0) return;
  const others = await tx
    .update(checkinPrompts)
    .set({ outboxId: null })
    .where(and(inArray(checkinPrompts.outboxId, ids), ne(checkinPrompts.personId, personId)))
    .returning({ id: checkinPrompts.checkinId });
  add(result.unlinked, "checkin_prompts", others.length);
  await tx.delete(outbox).where(inArray(outbox.id, ids));
  add(result.deleted, "outbox", messages.filter((message) => message.personId !== personId).length);
}

/** Erases the person with this email; null when there is none. The audit row holds counts only. */
export async function forgetPerson(
  db: Db,
  email: string,
  by: { actor: string; platform: string } = { actor: "cli", platform: "cli" },
): Promise<ForgetResult | null> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.email, email.trim().toLowerCase()));
    if (!person) return null;
    const identities = await tx.select().from(chatIdentities).where(eq(chatIdentities.personId, person.id));
    const tokens = tokensOf(person, identities);
    const result: ForgetResult = { deleted: { people: 1 }, unlinked: {}, scrubbed: {} };
    await countLinks(tx, person.id, result);
    const theirIntros = tx
      .select({ id: intros.id })
      .from(intros)
      .where(or(eq(intros.requesterId, person.id), eq(intros.candidateId, person.id)));
    const partnered = await tx
      .update(partnerships)
      .set({ introId: null })
      .where(inArray(partnerships.introId, theirIntros))
      .returning({ id: partnerships.id });
    add(result.unlinked, "partnerships", partnered.length);
    await dropMessages(tx, person.id, tokens, result);
    await tx.delete(people).where(eq(people.id, person.id));
    for (const table of schemaTables())
      add(result.scrubbed, getTableName(table), await scrubTable(tx, table, tokens));
    await recordAudit(tx, { ...by, action: "person.forget", subject: null, details: { ...result } });
    return result;
  });
}
