// collab audit [--since ISO], run in-process: one line an entry, oldest first; a bad --since is bad input.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

reuseTestDatabases();

describe("collab audit", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    await database.db.insert(auditLog).values([
      {
        at: new Date("2026-10-01T09:00:00Z"),
        actor: "cli",
        platform: "cli",
        action: "people.import",
        details: { created: 3, updated: 0 },
      },
      {
        at: new Date("2026-11-02T10:30:00Z"),
        actor: "7a1c0000-0000-4000-8000-000000000001",
        platform: "slack",
        action: "digest.send",
        subject: "programme\nwith a line break",
      },
      {
        at: new Date("2026-11-03T08:00:00Z"),
        actor: "system",
        platform: "system",
        action: "retention.clear",
        details: { checkinNotes: 2, meetingNotes: 1 },
      },
    ]);
  });
  afterEach(async () => {
    await database.close();
  });

  it("prints every entry on one line: at, actor, platform, action, subject, details as compact JSON", async () => {
    const run = await runWith(database, ["audit"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      '2026-10-01T09:00:00.000Z\tcli\tcli\tpeople.import\t-\t{"created":3,"updated":0}',
      "2026-11-02T10:30:00.000Z\t7a1c0000-0000-4000-8000-000000000001\tslack\tdigest.send\tprogramme with a line break\t-",
      '2026-11-03T08:00:00.000Z\tsystem\tsystem\tretention.clear\t-\t{"checkinNotes":2,"meetingNotes":1}',
    ]);
  });

  it.each([
    ["2026-11-02", 2],
    ["2026-11-02T10:30:00Z", 2],
    ["2026-11-02T11:00:00+01:00", 2],
    ["2026-11-03T08:00:01Z", 0],
  ])("--since %s prints entries from then on", async (since, count) => {
    const run = await runWith(database, ["audit", "--since", since]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(count);
  });

  it.each(["yesterday", "2026-13-45", "11/02/2026", ""])(
    "a bad --since %j exits 2 with one line",
    async (since) => {
      const run = await runWith(database, ["audit", "--since", since]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("--since");
    },
  );
});
