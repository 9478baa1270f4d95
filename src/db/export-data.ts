// Reads every table of the schema (found generically, so new tables are covered) into one JSON-ready document.
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { getTableConfig, type PgColumn, PgTable } from "drizzle-orm/pg-core";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import * as schema from "./schema.ts";

export interface DataExport {
  exportedAt: string;
  /** Rows by SQL table name, each row keyed by SQL column name, in primary key order. */
  tables: Record<string, Record<string, unknown>[]>;
}

/** Every table declared in src/db/schema.ts. */
export function schemaTables(): PgTable[] {
  return Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
    is(value, PgTable),
  );
}

export function primaryKeyColumns(table: PgTable): PgColumn[] {
  const config = getTableConfig(table);
  return [
    ...config.columns.filter((column) => column.primary),
    ...config.primaryKeys.flatMap((key) => key.columns),
  ];
}

/**
 * Secrets kept in the database (Slack installations' tokens) live in columns named `…_sealed`: encrypted, and
 * still never exported, since an export is read by people and the key may be beside it.
 */
function isSealed(column: PgColumn): boolean {
  return column.name.endsWith("_sealed");
}

async function readTable(db: Db, table: PgTable): Promise<Record<string, unknown>[]> {
  const columns = Object.entries(getTableColumns(table));
  const rows: Record<string, unknown>[] = await db
    .select()
    .from(table)
    .orderBy(...primaryKeyColumns(table));
  const exported = columns.filter(([, column]) => !isSealed(column));
  return rows.map((row) =>
    Object.fromEntries(exported.map(([key, column]) => [column.name, row[key] ?? null])),
  );
}

/** A consistent snapshot of all data; the export itself is audited in the same transaction. */
export async function exportAllData(
  db: Db,
  by: { actor: string; platform: string } = { actor: "cli", platform: "cli" },
): Promise<DataExport> {
  return db.transaction(
    async (tx) => {
      await recordAudit(tx, { ...by, action: "data.export" });
      const tables: DataExport["tables"] = {};
      for (const table of schemaTables()) tables[getTableName(table)] = await readTable(tx, table);
      return { exportedAt: new Date().toISOString(), tables };
    },
    { isolationLevel: "repeatable read" },
  );
}
