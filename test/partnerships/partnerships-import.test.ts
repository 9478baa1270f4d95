// collab import partnerships: a good file creates (then updates) partnerships; a bad row imports nothing and is named.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validatePartnershipsCsv } from "../../src/core/partnerships/partnerships-csv.ts";
import { partnershipMembers, partnerships, people } from "../../src/db/schema.ts";
import { fixture, runWith } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

const header = ["title", "programme", "member_emails", "cadence", "weekday", "local_hour"];
const check = (cells: string[]) =>
  validatePartnershipsCsv({ fileName: "p.csv", header, rows: [{ row: 2, cells }] });

reuseTestDatabases();

describe("partnerships CSV validation", () => {
  it.each([
    [["", "Net", "a@x.org;b@x.org", "weekly", "", ""], "p.csv row 2: title is required but empty"],
    [["T", "", "a@x.org;b@x.org", "weekly", "", ""], "p.csv row 2: programme is required but empty"],
    [
      ["T", "Net", "a@x.org", "weekly", "", ""],
      "p.csv row 2: member_emails needs at least two different people",
    ],
    [["T", "Net", "a@x.org;a@x.org", "weekly", "", ""], "needs at least two different people"],
    [
      ["T", "Net", "a@x.org;not-an-email", "weekly", "", ""],
      'member_emails "not-an-email" is not an email address',
    ],
    [
      ["T", "Net", "a@x.org;b@x.org", "daily", "", ""],
      'cadence "daily" is not one of weekly, fortnightly, monthly',
    ],
    [["T", "Net", "a@x.org;b@x.org", "", "", ""], "cadence is required"],
    [["T", "Net", "a@x.org;b@x.org", "weekly", "Saturday", ""], "is a weekend day"],
    [["T", "Net", "a@x.org;b@x.org", "weekly", "someday", ""], 'weekday "someday" is not a day'],
    [["T", "Net", "a@x.org;b@x.org", "weekly", "", "20"], 'local_hour "20" is not a whole hour from 9 to 16'],
  ])("refuses %j", (cells, message) => {
    const result = check(cells);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toContain(message);
  });

  it("reads names and numbers of weekdays, hours with or without :00, and lower-cases emails", () => {
    const result = check(["T", "Net", "A@x.org; b@X.org", "Weekly", "tue", "09:00"]);
    expect(result).toEqual({
      ok: true,
      partnerships: [
        {
          row: 2,
          title: "T",
          programme: "Net",
          memberEmails: ["a@x.org", "b@x.org"],
          cadence: "weekly",
          weekday: 2,
          localHour: 9,
        },
      ],
    });
  });

  it("names unknown columns and rows repeated in the file", () => {
    const unknown = validatePartnershipsCsv({ fileName: "p.csv", header: [...header, "colour"], rows: [] });
    expect(unknown).toEqual({ ok: false, errors: [expect.stringContaining('unknown column "colour"')] });
    const twice = validatePartnershipsCsv({
      fileName: "p.csv",
      header,
      rows: [
        { row: 2, cells: ["T", "Net", "a@x.org;b@x.org", "weekly", "", ""] },
        { row: 3, cells: ["t", "net", "a@x.org;c@x.org", "weekly", "", ""] },
      ],
    });
    expect(twice).toEqual({ ok: false, errors: ['p.csv row 3: "t" in net is also on row 2'] });
  });
});

describe("collab import partnerships", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    expect((await runWith(database, ["import", "people", fixture("people.csv")])).code).toBe(0);
  });
  afterEach(async () => {
    await database.close();
  });

  const stored = async () => {
    const rows = await database.db.select().from(partnerships);
    const members = await database.db.select().from(partnershipMembers);
    const everyone = await database.db.select().from(people);
    const email = new Map(everyone.map((p) => [p.id, p.email]));
    return rows
      .map((p) => ({
        title: p.title,
        cadence: p.cadence,
        weekday: p.weekday,
        localHour: p.localHour,
        status: p.status,
        members: members
          .filter((m) => m.partnershipId === p.id)
          .map((m) => email.get(m.personId))
          .sort(),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  };

  it("creates partnerships with their members, then updates them on a second import", async () => {
    const run = await runWith(database, ["import", "partnerships", fixture("partnerships.csv")]);
    expect(run).toEqual({ code: 0, stdout: "Imported 2 partnerships (2 new, 0 updated).\n", stderr: "" });
    expect(await stored()).toEqual([
      {
        title: "Breast cancer survival cohort",
        cadence: "fortnightly",
        weekday: 4,
        localHour: 14,
        status: "active",
        members: ["ada.okafor@example.org", "bo.lindqvist@example.org"],
      },
      {
        title: "Trial design, phase II",
        cadence: "monthly",
        weekday: 2,
        localHour: 10,
        status: "active",
        members: ["ada.okafor@example.org", "chen.wei@example.org"],
      },
    ]);

    const file = csvFile(
      "changed.csv",
      "title,programme,member_emails,cadence\nBreast cancer survival cohort,oncology network,ada.okafor@example.org;chen.wei@example.org,weekly\n",
    );
    const again = await runWith(database, ["import", "partnerships", file]);
    expect(again.stdout).toBe("Imported 1 partnership (0 new, 1 updated).\n");
    const [cohort] = await stored();
    // Weekday and hour were not in the file: they are kept. Members are exactly those listed.
    expect(cohort).toMatchObject({
      cadence: "weekly",
      weekday: 4,
      localHour: 14,
      members: ["ada.okafor@example.org", "chen.wei@example.org"],
    });
  });

  it("imports nothing when a row names someone unknown, and names the row (exit 2)", async () => {
    const run = await runWith(database, [
      "import",
      "partnerships",
      fixture("partnerships-bad-unknown-email.csv"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'partnerships-bad-unknown-email.csv row 3: no person with email "nobody@example.org"; import people first (collab import people)\n',
    );
    expect(await stored()).toEqual([]);
  });

  it("refuses an unknown programme and a bad cell with the row and the reason", async () => {
    const unknown = csvFile(
      "unknown.csv",
      "title,programme,member_emails,cadence\nX,Cardio Net,ada.okafor@example.org;chen.wei@example.org,weekly\n",
    );
    const run = await runWith(database, ["import", "partnerships", unknown]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown.csv row 2: no programme named "Cardio Net"');
    const bad = csvFile(
      "bad.csv",
      "title,programme,member_emails,cadence\nX,Oncology Network,ada.okafor@example.org,weekly\n",
    );
    const badRun = await runWith(database, ["import", "partnerships", bad]);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toContain("bad.csv row 2: member_emails needs at least two different people");
    expect(await stored()).toEqual([]);
  });
});
