// A fresh, migrated database for one test: PGlite from the run's template dump, or a PostgreSQL copy of the template.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { getTableName, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { schemaTables } from "../../src/db/export-data.ts";
import { withDatabaseName } from "./global-setup.ts";

export interface TestDatabase extends Database {
  /** Set when the test runs on PostgreSQL: the URL of this test's own database. */
  url?: string;
}

export const onPostgres = Boolean(process.env.DATABASE_URL);

/** Set by reuseTestDatabases(): a closed test database kept for the next test of this file, and the spare. */
let reuse = false;
let spare: TestDatabase | null = null;

/**
 * For a file whose tests each take a new database and close it when done (never using it after): close() keeps
 * the database, and the next createTestDatabase() empties every table (identities restarted) instead of making
 * a new one, which takes ~1 s on PGlite. The migrated template holds no rows, so an emptied database is a new one.
 */
export function reuseTestDatabases(): void {
  reuse = true;
  afterAll(async () => {
    reuse = false;
    await spare?.close();
    spare = null;
  });
}

async function emptied(database: TestDatabase): Promise<TestDatabase> {
  const tables = sql.join(
    schemaTables().map((table) => sql.identifier(getTableName(table))),
    sql`, `,
  );
  await database.db.execute(sql`truncate table ${tables} restart identity cascade`);
  return database;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!reuse) return openTestDatabase();
  const database = spare ? await emptied(spare) : await openTestDatabase();
  spare = null;
  return {
    ...database,
    close: async () => {
      if (reuse && !spare) spare = database;
      else await database.close();
    },
  };
}

async function openTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const template = inject("postgresTemplate");
    const name = `collab_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    const url = withDatabaseName(baseUrl, name);
    const database = await openDatabase({ kind: "postgres", url });
    return {
      ...database,
      url,
      close: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([readFileSync(inject("pgliteTemplate"))]);
  return openDatabase({ kind: "pglite-memory", loadDataDir: dump });
}
