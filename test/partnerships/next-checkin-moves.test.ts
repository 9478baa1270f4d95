// "Your next check-in" in `/collab partnerships` (and the Home tab) shows where the prompt will really land: past a
// public holiday of the member's calendar, their days away and the programme's answer window, not the raw slot.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { people, programmes } from "../../src/db/schema.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import { collabAsker } from "../helpers/collab.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import type { TestApp } from "../helpers/test-app.ts";

describe("next check-in shown after its moves", () => {
  const clock = createTestClock("2026-12-22T12:00:00Z"); // Tuesday, the week before New Year
  let t: TestApp;
  let db: Db;
  let ask: ReturnType<typeof collabAsker>;
  const ids: Record<string, string> = {};
  const nextLines = (reply: string) =>
    [...reply.matchAll(/\*([^*]+)\*[^\\]*\\nWith [^\\]+\\n[^\\]+\\nYour next check-in: ([^"\\]+)/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    ask = collabAsker(t);
    const person = async (key: string, name: string, slackUserId: string) => {
      ids[key] = await seedPerson(db, {
        email: `${key}@northfield.ac.uk`,
        name,
        slackUserId,
        timezone: "Europe/London",
      });
      await db.update(people).set({ country: "GB", region: "ENG" }).where(eq(people.id, ids[key]!));
    };
    await person("alice", "Alice Moreau", "U0ALICE01");
    await person("carol", "Carol Singh", "U0CAROL01");
    await person("dan", "Dan Reyes", "U0DAN0001");
    // Mondays: Monday 28 December 2026 is the Boxing Day bank holiday in England.
    await seedPartnership(db, { title: "Holiday study", members: [ids.alice!, ids.carol!], weekday: 1 });
    // Tuesdays, in a programme that answers on Mondays, Wednesdays and Fridays only.
    const [programme] = await db
      .insert(programmes)
      .values({ name: "Wards network", answerDays: [1, 3, 5] })
      .returning({ id: programmes.id });
    await seedPartnership(db, {
      title: "Window study",
      members: [ids.dan!, ids.alice!],
      weekday: 2,
      programmeId: programme!.id,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("moves past a public holiday and outside the answer window", async () => {
    const reply = await ask("U0ALICE01", "partnerships");
    expect(nextLines(reply)).toEqual([
      "Holiday study: Tue 29 December 2026, 10:00 (Europe/London).", // not Monday's bank holiday
      "Window study: Wed 23 December 2026, 10:00 (Europe/London).", // Tuesday is outside the window
    ]);
  });

  it("moves past the member's days away", async () => {
    expect(await ask("U0CAROL01", "away 2026-12-28 2026-12-30 leave")).toContain("Noted");
    expect(nextLines(await ask("U0CAROL01", "partnerships"))).toEqual([
      "Holiday study: Thu 31 December 2026, 10:00 (Europe/London).",
    ]);
  });
});
