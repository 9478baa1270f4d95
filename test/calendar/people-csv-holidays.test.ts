// The people CSV's optional `country` and `region` columns: whose public holidays a person keeps.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { people } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

const HEADER = "name,email,institution,timezone,country,region";

reuseTestDatabases();

describe("people CSV: country and region", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  const stored = async () =>
    (await database.db.select().from(people))
      .map((p) => [p.email, p.country, p.region])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it("imports them, upper-cased; an empty cell leaves the zone's country to apply", async () => {
    const file = csvFile(
      "people.csv",
      [
        HEADER,
        "Ailsa Reid,ailsa@ed.ac.uk,Edinburgh,Europe/London,gb,sct",
        "Max Bauer,max@lmu.de,LMU,Europe/Berlin,DE,BY",
        "Priya Rao,priya@aiims.in,AIIMS,Asia/Kolkata,,",
      ].join("\n"),
    );
    const run = await runWith(database, ["import", "people", file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await stored()).toEqual([
      ["ailsa@ed.ac.uk", "GB", "SCT"],
      ["max@lmu.de", "DE", "BY"],
      ["priya@aiims.in", null, null],
    ]);
  });

  it("refuses an unknown region, or a region without its country, naming the row; imports nothing", async () => {
    const file = csvFile(
      "people.csv",
      [
        HEADER,
        "Ailsa Reid,ailsa@ed.ac.uk,Edinburgh,Europe/London,GB,XYZ",
        "Max Bauer,max@lmu.de,LMU,Europe/Berlin,,BY",
      ].join("\n"),
    );
    const run = await runWith(database, ["import", "people", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("row 2");
    expect(run.stderr).toContain('I don\'t know the region "XYZ"');
    expect(run.stderr).toContain("(and 1 more problem)");
    expect(await stored()).toEqual([]);
    const alone = csvFile("people.csv", [HEADER, "Max Bauer,max@lmu.de,LMU,Europe/Berlin,,BY"].join("\n"));
    const second = await runWith(database, ["import", "people", alone]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('row 2: region "BY" needs its country in the country column');
  });
});
