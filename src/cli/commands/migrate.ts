// `collab migrate`: applies the database migrations that have not run yet.

import type { Command } from "commander";
import { sql } from "drizzle-orm";
import { count } from "../../core/plural.ts";
import type { Db } from "../../db/client.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { rowsOf } from "../../db/rows.ts";
import type { CliContext } from "../context.ts";

/** How many migrations drizzle has recorded as applied (0 on a fresh database). */
async function appliedMigrations(db: Db): Promise<number> {
  const found = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  );
  if (!found[0]?.t) return 0;
  const counted = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  );
  return Number(counted[0]?.n ?? 0);
}

export function register(program: Command, context: CliContext): void {
  program
    .command("migrate")
    .description("apply the database migrations that have not run yet")
    .action(async () => {
      await context.withDatabase(
        async (database) => {
          const before = await appliedMigrations(database.db);
          await migrateDatabase(database, context.config.databaseUrl);
          const after = await appliedMigrations(database.db);
          const where = database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${context.config.dataDir}`;
          context.out(
            `Database (${where}) is up to date: ${after - before} of ${count(after, "migration")} applied now.`,
          );
        },
        { migrate: false },
      );
    });
}
