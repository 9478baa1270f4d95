import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.ts";
import { people } from "../../src/db/schema.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

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
});
