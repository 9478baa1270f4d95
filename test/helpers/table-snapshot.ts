// Every table of the schema read in one query, as JSON: a cheap state comparison for tests that compare it often.
import { getTableName, sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.ts";
import { primaryKeyColumns, schemaTables } from "../../src/db/export-data.ts";
import { rowsOf } from "../../src/db/rows.ts";

/**
 * Rows by SQL table name, each row keyed by SQL column name, in primary key order: what `collab export` reads
 * (the same tables, found generically), sealed columns included, in one round trip instead of one per table.
 */
export async function snapshotTables(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = schemaTables();
  const columns = tables.map((table) => {
    const order = sql.join(
      primaryKeyColumns(table).map((column) => sql`r.${sql.identifier(column.name)}`),
      sql`, `,
    );
    return sql`(select coalesce(json_agg(r order by ${order}), '[]'::json) from ${table} r) as ${sql.identifier(getTableName(table))}`;
  });
  // One statement: its subqueries all read the same snapshot.
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`select ${sql.join(columns, sql`, `)}`));
  const parsed: Record<string, Record<string, unknown>[]> = {};
  for (const [name, rows] of Object.entries(row ?? {}))
    parsed[name] = (typeof rows === "string" ? JSON.parse(rows) : rows) as Record<string, unknown>[];
  return parsed;
}
