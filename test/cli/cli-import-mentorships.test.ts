// collab import mentorships, run in-process: a good file imports (and re-imports as updates), a bad row imports nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mentorships, programmes } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedPerson } from "../helpers/seed.ts";

const HEADER = "mentor_email,mentee_email,programme,goals,rhythm_days,follow_up_days\n";

describe("collab import mentorships", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(programmes).values({ name: "Oncology Network" });
    for (const email of ["ada@uni.org", "sam@uni.org", "tess@hospital.org"])
      await seedPerson(database.db, { email });
  });
  afterAll(async () => {
    await database.close();
  });

  it("imports every row, then updates them on a second import", async () => {
    const file = csvFile(
      "good.csv",
      `${HEADER}ada@uni.org,sam@uni.org,Oncology Network,Grant writing,21,10\nAda@uni.org,tess@hospital.org,oncology network,,,\n`,
    );
    const first = await runWith(database, ["import", "mentorships", file]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("Imported 2 mentorships (2 new, 0 updated)");
    const rows = await database.db.select().from(mentorships);
    expect(rows.map((r) => [r.goals, r.rhythmDays, r.followUpDays]).sort()).toEqual(
      [
        ["Grant writing", 21, 10],
        [null, 30, 14],
      ].sort(),
    );
    const second = await runWith(database, ["import", "mentorships", file]);
    expect(second.stdout).toContain("(0 new, 2 updated)");
    expect(await database.db.select().from(mentorships)).toHaveLength(2);
  });

  it.each([
    [
      "an unknown person",
      "ada@uni.org,nobody@uni.org,Oncology Network,,,\n",
      "row 3: nobody has the email nobody@uni.org",
    ],
    ["an unknown programme", "sam@uni.org,ada@uni.org,Cardio,,,\n", 'row 3: no programme is called "Cardio"'],
    ["a bad rhythm", "sam@uni.org,ada@uni.org,Oncology Network,,monthly,\n", "row 3: rhythm_days"],
    ["a bad email", "sam@uni.org,not-an-email,Oncology Network,,,\n", "row 3: mentee_email"],
  ])("exits 2 naming the row of %s, and imports nothing", async (_name, badRow, reason) => {
    const before = await database.db.select().from(mentorships);
    const file = csvFile("bad.csv", `${HEADER}tess@hospital.org,sam@uni.org,Oncology Network,,,\n${badRow}`);
    const run = await runWith(database, ["import", "mentorships", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(await database.db.select().from(mentorships)).toHaveLength(before.length);
  });

  it.each([
    ["mentor-followups", "follow-up prompt"],
    ["celebrations", "no celebration channels yet"],
  ])("collab jobs run %s --now runs the job as of that instant", async (job, summary) => {
    const run = await runWith(database, [
      "jobs",
      "run",
      job,
      "--now",
      "2026-12-08T09:00:00Z",
      "--no-deliver",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${job} as of 2026-12-08T09:00:00.000Z: `);
    expect(run.stdout).toContain(summary);
  });
});
