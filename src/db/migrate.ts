// Applies the drizzle-kit migrations with the migrator that matches the driver; safe when instances start together.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Database, Db } from "./client.ts";
import { CONNECT_TIMEOUT_SECONDS } from "./connection-errors.ts";
import { rowsOf } from "./rows.ts";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

// Any constant will do; it only has to be the same for every instance of this bot.
const MIGRATION_LOCK_KEY = 7_202_611;

export async function migrateDatabase(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error("migrateDatabase needs the DATABASE_URL of a postgres database");
  // One connection holds an advisory lock so that instances starting at once migrate one after another.
  // Without connect_timeout an unreachable host hangs for the operating system's TCP timeout (minutes), silently.
  const client = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
  });
  try {
    const db = drizzlePostgres(client);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePostgres(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * How many of this build's migrations the database has not applied: drizzle records each applied migration's
 * journal time in drizzle.__drizzle_migrations.created_at and applies those newer than the latest recorded.
 */
export async function pendingMigrations(db: Db): Promise<number> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: { when: number }[];
  };
  const found = rowsOf<{ t: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  );
  if (!found[0]?.t) return journal.entries.length;
  const latest = rowsOf<{ at: unknown }>(
    await db.execute(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`),
  );
  const appliedUpTo = Number(latest[0]?.at ?? 0);
  return journal.entries.filter((entry) => entry.when > appliedUpTo).length;
}
