// Stored free text has one cap per field (TEXT_LIMITS): a longer need is refused on Teams naming the limit, a CSV
// row over a profile cap imports nothing, and the database's CHECK constraints refuse what slips past the core.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEXT_LIMITS } from "../../src/core/text-limits.ts";
import type { Db } from "../../src/db/client.ts";
import { checkinPrompts, checkins, findRequests, partnerships, people } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { seedPerson } from "../helpers/seed.ts";
import { personalMessage, postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const HEADER =
  "name,email,institution,department,role,career_stage,expertise,methods,offers,needs,timezone,open_to_mentoring,coordinator,programme,conflicts_with,slack_team_id,slack_user_id,teams_tenant_id,teams_aad_object_id";

/** The database's refusal, whichever driver raised it (postgres.js or PGlite, possibly wrapped by drizzle). */
async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string; constraint_name?: string } };
    return `${e.message ?? ""} ${e.cause?.message ?? ""} ${e.cause?.constraint_name ?? ""}`;
  }
  return "stored";
}

describe("length caps on stored free text", () => {
  let t: TestApp;
  let db: Db;
  let bob: string;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    bob = await seedPerson(db, {
      email: "bob@stmarys.example.org",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses a need over the cap on Teams, saying the limit, and stores nothing", async () => {
    // Ends in a letter, so that trimming the command's text leaves it one character over the cap.
    const words = `biostatistician for survival analysis ${"and more ".repeat(120)}`;
    const need = words
      .slice(0, TEXT_LIMITS.need)
      .trimEnd()
      .padEnd(TEXT_LIMITS.need + 1, "s");
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, `find-collaborator ${need}`));
    const answer = JSON.stringify(t.connector.calls.slice(before));
    expect(answer).toContain("more than 1,000 characters");
    expect(await db.select().from(findRequests)).toEqual([]);
  });

  it("imports nothing from a people CSV whose needs hold an item over the cap, and names the row and limit", async () => {
    const long = "x".repeat(TEXT_LIMITS.profileListItem + 1);
    const file = csvFile(
      "people.csv",
      `${HEADER}\nAda Okafor,ada@example.org,Northfield,,,,,,,cohort access;${long},,,,,,,,,\n`,
    );
    const run = await runWith(t.database, ["import", "people", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `people.csv row 2: needs has an item longer than ${TEXT_LIMITS.profileListItem} characters\n`,
    );
    const imported = await db.select().from(people).where(sql`${people.email} = 'ada@example.org'`);
    expect(imported).toEqual([]);
  });

  it("has the database refuse over-long text that bypasses the core", async () => {
    const tooLongNeed = "n".repeat(TEXT_LIMITS.need + 1);
    expect(await refusal(db.insert(findRequests).values({ requesterId: bob, need: tooLongNeed }))).toMatch(
      /find_requests_need_length/,
    );
    await db.insert(findRequests).values({ requesterId: bob, need: "é".repeat(TEXT_LIMITS.need) });

    const [partnership] = await db.insert(partnerships).values({ title: "Caps" }).returning();
    const [checkin] = await db
      .insert(checkins)
      .values({
        partnershipId: partnership!.id,
        periodKey: "2026-W48",
        periodStart: new Date("2026-11-23T00:00:00Z"),
        periodEnd: new Date("2026-11-30T00:00:00Z"),
      })
      .returning();
    const prompt = { checkinId: checkin!.id, personId: bob, dueAt: new Date("2026-11-24T10:00:00Z") };
    expect(
      await refusal(
        db.insert(checkinPrompts).values({ ...prompt, note: "w".repeat(TEXT_LIMITS.checkinNote + 1) }),
      ),
    ).toMatch(/checkin_prompts_note_length/);
  });
});
