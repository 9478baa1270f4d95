// Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL through postgres.js when DATABASE_URL is set.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { CONNECT_TIMEOUT_SECONDS } from "./connection-errors.ts";
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

export type DatabaseOptions =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory"; loadDataDir?: Blob };

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

// PGlite belongs to one process; two processes on one data directory corrupt it, so we hold a pid lock file.
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, "collab.lock");
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
 * Runs initdb for a new data directory in a child process. WASM memory never shrinks, and initdb grows it (with a
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
    if (options.kind === "pglite") await initDataDirApart(options.dataDir);
    const client =
      options.kind === "pglite"
        ? await PGlite.create({ dataDir: options.dataDir, postgresqlconf: pgliteSettings })
        : await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
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
