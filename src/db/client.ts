// Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL through postgres.js when DATABASE_URL is set.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Logger } from "../logger.ts";
import { CONNECT_TIMEOUT_SECONDS } from "./connection-errors.ts";
import { readSeed, unpackSeedApart } from "./pglite-seed.ts";
import * as schema from "./schema.ts";
import { joinable } from "./unit-of-work.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** For PGlite: where the seed of a new database is looked for (tests), and who hears how it was made. */
interface PgliteOptions {
  seedDir?: string;
  logger?: Logger;
}

export type DatabaseOptions =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | ({ kind: "pglite"; dataDir: string } & PgliteOptions)
  /** In memory: from `loadDataDir` when given, else from the seed (initdb when there is none). */
  | ({ kind: "pglite-memory"; loadDataDir?: Blob } & PgliteOptions);

export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}), probably the running bot. ` +
        "Stop the bot first, or set DATABASE_URL to a PostgreSQL database that both can share.",
    );
    this.name = "DataDirBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Left in a data directory while a seed is unpacked into it: one found at start is a load that did not finish. */
const SEEDING_MARKER = "collab-seeding";
const LOCK_FILE = "collab.lock";

// PGlite belongs to one process; two processes on one data directory corrupt it, so we hold a pid lock file.
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  try {
    const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new DataDirBusyError(dataDir, holder);
    }
  } catch (error) {
    if (error instanceof DataDirBusyError) throw error;
  }
  writeFileSync(lockPath, String(process.pid));
  return () => rmSync(lockPath, { force: true });
}

/**
 * PostgreSQL's default 128 MB of shared buffers is all resident in PGlite's WASM memory; a bot's data fits in far
 * less (measured: an idle embedded bot 284 → 164 MB RSS for PGlite alone).
 */
const pgliteSettings = ["shared_buffers=16MB"];

/**
 * Runs initdb for a new data directory in a child process, when there is no seed for the installed PGlite. WASM memory never shrinks, and initdb grows it (with a
 * second PGlite instance) to ~800 MB that an idle bot would otherwise keep; reopening an initialised directory
 * needs a fraction of that.
 */
async function initDataDirApart(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return;
  const code = [
    "const [pglite, dataDir, settings] = process.argv.slice(1);",
    "const { PGlite } = await import(pglite);",
    "const db = await PGlite.create({ dataDir, postgresqlconf: JSON.parse(settings) });",
    "await db.close();",
  ].join("\n");
  await promisify(execFile)(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      code,
      import.meta.resolve("@electric-sql/pglite"),
      dataDir,
      JSON.stringify(pgliteSettings),
    ],
    { timeout: 300_000 },
  );
}

/** Removes everything in a data directory but our lock file (only ever one that we began to fill ourselves). */
function emptyDataDir(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (name !== LOCK_FILE) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
}

/**
 * Opens PGlite on disk. A new (empty) data directory is unpacked from the seed made by the installed PGlite; without
 * one, or if unpacking fails, initdb runs in a child process as before, after a warning. A data directory that holds
 * anything else is never loaded over: PGlite resumes it (or initdb completes it).
 */
async function openPgliteDataDir(dataDir: string, options: PgliteOptions): Promise<PGlite> {
  const marker = join(dataDir, SEEDING_MARKER);
  if (existsSync(marker)) {
    options.logger?.warn(
      { dataDir },
      "The embedded database was being created when a process stopped: creating it again",
    );
    emptyDataDir(dataDir);
  }
  const isNew = readdirSync(dataDir).every((name) => name === LOCK_FILE);
  if (isNew) {
    const seed = readSeed(options.seedDir);
    if (seed.found) {
      writeFileSync(marker, String(process.pid));
      try {
        await unpackSeedApart(seed.path, dataDir);
        rmSync(marker);
        const client = await PGlite.create({ dataDir, postgresqlconf: pgliteSettings });
        // Debug: a first `collab demo` says nothing on stderr; only the initdb fallback is worth a warning.
        options.logger?.debug(
          { dataDir, pglite: seed.version },
          "Created a new embedded database from the shipped seed (no initdb)",
        );
        return client;
      } catch (error) {
        options.logger?.warn(
          { dataDir, pglite: seed.version, err: error },
          "Could not create the embedded database from its seed: running initdb instead (slower, ~800 MB at its peak); " +
            "run `npm run db:make-seed` to make the seed again",
        );
        emptyDataDir(dataDir);
      }
    } else {
      options.logger?.warn(
        { dataDir },
        `Creating the embedded database with initdb (slower, ~800 MB at its peak): ${seed.why}`,
      );
    }
  }
  await initDataDirApart(dataDir);
  return PGlite.create({ dataDir, postgresqlconf: pgliteSettings });
}

/** PGlite in memory: from the given dump, else from the seed, else initdb (in this process). */
async function openPgliteMemory(loadDataDir: Blob | undefined, options: PgliteOptions): Promise<PGlite> {
  if (loadDataDir) return PGlite.create({ loadDataDir });
  const seed = readSeed(options.seedDir);
  if (seed.found) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(seed.path)]) });
    } catch (error) {
      options.logger?.warn({ err: error }, "Could not load the database seed: running initdb instead");
    }
  } else {
    options.logger?.debug(`In-memory database with initdb: ${seed.why}`);
  }
  return PGlite.create({});
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
    });
    const db = joinable(drizzlePostgres(client, { schema }) as unknown as Db);
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const unlock = options.kind === "pglite" ? lockDataDir(options.dataDir) : () => {};
  try {
    const client =
      options.kind === "pglite"
        ? await openPgliteDataDir(options.dataDir, options)
        : await openPgliteMemory(options.loadDataDir, options);
    const db = joinable(drizzlePglite(client, { schema }) as unknown as Db);
    return {
      db,
      kind: "pglite",
      ping: async () => {
        if (client.closed) throw new Error("database closed");
        await client.query("select 1");
      },
      close: async () => {
        if (!client.closed) await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
