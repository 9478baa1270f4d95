// Issue 17, item 9: a new embedded database is unpacked from the seed made by the installed PGlite (no initdb, whose
// ~800 MB peak does not fit a 1 GB VM); without a matching seed, or if it cannot be read, initdb runs after a warning.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseOptions, openDatabase } from "../../src/db/client.ts";
import { migrateDatabase, pendingMigrations } from "../../src/db/migrate.ts";
import {
  installedPgliteVersion,
  readSeed,
  seedDir,
  seedFileName,
  unpackSeed,
} from "../../src/db/pglite-seed.ts";
import { rowsOf } from "../../src/db/rows.ts";
import { people } from "../../src/db/schema.ts";
import { onPostgres } from "../helpers/database.ts";
import { createCapturingLogger } from "../helpers/test-app.ts";

/** initdb gives every cluster a new random system identifier; every database unpacked from one seed shares its. */
async function systemIdentifier(database: Database): Promise<string> {
  const rows = rowsOf<{ id: string }>(
    await database.db.execute(sql`select system_identifier::text as id from pg_control_system()`),
  );
  return rows[0]?.id ?? "";
}

/** A gzipped ustar archive of one file, as PGlite's dumpDataDir writes them. */
function tarOf(name: string, data: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("0000600\0", 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("0", 156);
  header.write("ustar\0" + "00", 257);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)]));
}

describe("unpacking a seed", () => {
  it("refuses a path outside the data directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "collab-unpack-"));
    try {
      writeFileSync(join(dir, "evil.tar.gz"), tarOf("pgdata/../../escaped", "x"));
      mkdirSync(join(dir, "data"));
      await expect(unpackSeed(join(dir, "evil.tar.gz"), join(dir, "data"))).rejects.toThrow(/outside/);
      expect(existsSync(join(dir, "escaped"))).toBe(false);
      // A well-formed archive without PG_VERSION is no data directory.
      writeFileSync(join(dir, "other.tar.gz"), tarOf("/notes.txt", "hello"));
      await expect(unpackSeed(join(dir, "other.tar.gz"), join(dir, "data"))).rejects.toThrow(/no PostgreSQL/);
      expect(readFileSync(join(dir, "data", "notes.txt"), "utf8")).toBe("hello");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(onPostgres)("a new embedded database from the shipped seed", () => {
  const made: string[] = [];
  const opened: Database[] = [];
  let seedId = "";

  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };

  async function open(options: DatabaseOptions): Promise<Database> {
    const database = await openDatabase(options);
    opened.push(database);
    return database;
  }

  beforeAll(async () => {
    const seed = readSeed();
    if (!seed.found) throw new Error(seed.why);
    // PGlite's own loader: the seed as made, whatever our unpacking does.
    const fromSeed = await PGlite.create({ loadDataDir: new Blob([readFileSync(seed.path)]) });
    const rows = await fromSeed.query<{ id: string }>(
      "select system_identifier::text as id from pg_control_system()",
    );
    seedId = rows.rows[0]?.id ?? "";
    await fromSeed.close();
  });

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("ships a seed made by the installed PGlite (after upgrading PGlite: npm run db:make-seed)", () => {
    expect(readdirSync(seedDir)).toContain(seedFileName(installedPgliteVersion()));
  });

  it("unpacks a data directory that does not exist yet, then migrates it into a working database", async () => {
    const dataDir = join(tempDir("collab-seed-"), "data");
    const lines: string[] = [];
    const database = await open({ kind: "pglite", dataDir, logger: createCapturingLogger(lines) });
    expect(await systemIdentifier(database)).toBe(seedId);
    expect(lines.join("\n")).toContain("from the shipped seed");
    expect(lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 40)).toEqual([]);

    await migrateDatabase(database);
    expect(await pendingMigrations(database.db)).toBe(0);
    const shown = rowsOf<{ shared_buffers: string }>(await database.db.execute(sql`show shared_buffers`));
    expect(shown[0]?.shared_buffers).toBe("16MB");
    await database.db.insert(people).values({ email: "a@example.org", name: "A", institution: "X" });
    expect(existsSync(join(dataDir, "collab-seeding"))).toBe(false);
    await database.close();

    // Reopened, it is resumed as it was, not unpacked again.
    const again: string[] = [];
    const reopened = await open({ kind: "pglite", dataDir, logger: createCapturingLogger(again) });
    expect(again.join("\n")).not.toContain("seed");
    expect((await reopened.db.select().from(people)).map((p) => p.email)).toEqual(["a@example.org"]);
    expect(await pendingMigrations(reopened.db)).toBe(0);
  });

  it("unpacks an empty directory that exists", async () => {
    const dataDir = tempDir("collab-seed-empty-");
    const database = await open({ kind: "pglite", dataDir });
    expect(await systemIdentifier(database)).toBe(seedId);
  });

  it("without a seed for the installed PGlite, warns and runs initdb; that database is never loaded over", {
    timeout: 180_000,
  }, async () => {
    const otherVersions = tempDir("collab-seed-dir-");
    copyFileSync(
      join(seedDir, seedFileName(installedPgliteVersion())),
      join(otherVersions, seedFileName("0.0.1")),
    );
    const dataDir = join(tempDir("collab-seed-mismatch-"), "data");
    const lines: string[] = [];
    const database = await open({
      kind: "pglite",
      dataDir,
      seedDir: otherVersions,
      logger: createCapturingLogger(lines),
    });
    const warning = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((l) => l.level === 40);
    expect(warning?.msg).toContain("initdb");
    expect(warning?.msg).toContain(`no database seed for PGlite ${installedPgliteVersion()}`);
    expect(warning?.msg).toContain("pglite-0.0.1.tar.gz");
    expect(warning?.msg).toContain("npm run db:make-seed");
    expect(await systemIdentifier(database)).not.toBe(seedId);
    await migrateDatabase(database);
    expect(await pendingMigrations(database.db)).toBe(0);
    await database.db.insert(people).values({ email: "b@example.org", name: "B", institution: "Y" });
    const own = await systemIdentifier(database);
    await database.close();

    // Now that a seed matches, the database that initdb made is resumed, never loaded over.
    const again: string[] = [];
    const reopened = await open({ kind: "pglite", dataDir, logger: createCapturingLogger(again) });
    expect(await systemIdentifier(reopened)).toBe(own);
    expect((await reopened.db.select().from(people)).map((p) => p.email)).toEqual(["b@example.org"]);
    expect(again.join("\n")).not.toContain("seed");
  });

  it("with a seed that cannot be read, warns, clears what it unpacked and runs initdb", {
    timeout: 180_000,
  }, async () => {
    const broken = tempDir("collab-seed-broken-");
    // Cut in the middle of an entry: some files are written before the unpacking fails.
    const tar = gunzipSync(readFileSync(join(seedDir, seedFileName(installedPgliteVersion()))));
    writeFileSync(
      join(broken, seedFileName(installedPgliteVersion())),
      gzipSync(tar.subarray(0, Math.floor(tar.length / 2) + 100)),
    );
    const dataDir = join(tempDir("collab-seed-fallback-"), "data");
    const lines: string[] = [];
    const database = await open({
      kind: "pglite",
      dataDir,
      seedDir: broken,
      logger: createCapturingLogger(lines),
    });
    expect(lines.join("\n")).toContain("Could not create the embedded database from its seed");
    expect(lines.join("\n")).toContain("is truncated");
    expect(await systemIdentifier(database)).not.toBe(seedId);
    await migrateDatabase(database);
    expect(await pendingMigrations(database.db)).toBe(0);
  });

  it("starts again a seed load that a stopped process left half done", async () => {
    const dataDir = tempDir("collab-seed-interrupted-");
    mkdirSync(join(dataDir, "base"));
    writeFileSync(join(dataDir, "PG_VERSION"), "18\n");
    writeFileSync(join(dataDir, "collab-seeding"), "12345");
    const lines: string[] = [];
    const database = await open({ kind: "pglite", dataDir, logger: createCapturingLogger(lines) });
    expect(lines.join("\n")).toContain("was being created when a process stopped");
    expect(await systemIdentifier(database)).toBe(seedId);
    await migrateDatabase(database);
    expect(await pendingMigrations(database.db)).toBe(0);
  });

  it("makes an in-memory database from the seed too", async () => {
    const database = await open({ kind: "pglite-memory" });
    expect(await systemIdentifier(database)).toBe(seedId);
  });
});
