// A fresh, migrated database for one test: PGlite from the run's template dump, or a PostgreSQL copy of the template.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { withDatabaseName } from "./global-setup.ts";

export interface TestDatabase extends Database {
  /** Set when the test runs on PostgreSQL: the URL of this test's own database. */
  url?: string;
}

export const onPostgres = Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
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
