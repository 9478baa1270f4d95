import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/rows.ts";
import { people } from "../../src/db/schema.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/database.ts";

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;

describe("database", () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it("starts migrated and answers a ping", async () => {
    database = await createTestDatabase();
    await database.ping();
    await database.db.insert(people).values({ email: "a@example.org", name: "A", institution: "X" });
    const rows = await database.db.select().from(people);
    expect(rows.map((r) => r.email)).toEqual(["a@example.org"]);
    const tables = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from information_schema.tables where table_name = 'outbox'`,
      ),
    );
    expect(tables[0]?.n).toBe(1);
  });

  it("refuses a ping once closed", async () => {
    database = await createTestDatabase();
    await database.close();
    await expect(database.ping()).rejects.toThrow();
    database = undefined;
  });

  // Issue 17, item 9: initdb in this process left ~800 MB of WASM memory behind for good (now: the seed, or a child).
  it.skipIf(onPostgres || process.platform !== "linux")(
    "opens a new embedded data directory without initdb's memory in this process, with 16 MB of shared buffers",
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "collab-initdb-"));
      const before = rssMb();
      database = await openDatabase({ kind: "pglite", dataDir });
      const grown = rssMb() - before;
      const shown = rowsOf<{ shared_buffers: string }>(await database.db.execute(sql`show shared_buffers`));
      expect(shown[0]?.shared_buffers).toBe("16MB");
      expect(grown).toBeLessThan(400);
      await database.close();
      database = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
