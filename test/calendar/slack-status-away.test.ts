// A Slack status "Out of office" (users.profile.get, optional scope users.profile:read) counts as days away until it
// expires: no prompt meanwhile, partners see "away until"; without the scope the prompt goes as before.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { personAway } from "../../src/db/schema.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import { collabAsker } from "../helpers/collab.ts";
import { promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import type { TestApp } from "../helpers/test-app.ts";

const HOUR = 3_600_000;
const MISSING_SCOPE = {
  ok: false,
  error: "missing_scope",
  needed: "users.profile:read",
  provided: "commands,chat:write,users:read",
};
// Tuesday 24 November 2026, 10:00 in London: the weekly prompt's slot; the status ends Friday 27, 10:00.
const SLOT = Date.parse("2026-11-24T10:00:00Z");
const EXPIRES = Math.floor((SLOT + 3 * 24 * HOUR) / 1000);

describe("Slack status as days away", () => {
  const clock = createTestClock("2026-11-23T08:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const job = (name: string) => t.app.jobs.find((j) => j.name === name)!;
  const tickEvery = async (name: string, from: number, to: number) => {
    for (let at = from; at <= to; at += HOUR) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(job(name), new Date(at));
    }
  };
  const promptsTo = (user: string) =>
    t.slackApi.callsTo("chat.postMessage").filter((c) => c.args.channel === user);

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    // users.profile.get as Slack answers it: Alice is out of office for three days, Carol has no status.
    t.slackApi.answer("users.profile.get", (args) =>
      args.user === "U0ALICE01"
        ? {
            ok: true,
            profile: {
              title: "Clinical research fellow",
              real_name: "Alice Moreau",
              display_name: "alice",
              status_text: "Out of office",
              status_emoji: ":palm_tree:",
              status_emoji_display_info: [],
              status_expiration: EXPIRES,
              avatar_hash: "ge3b51ca72de",
              email: "alice@northfield.ac.uk",
              team: "T0FAKE001",
            },
          }
        : {
            ok: true,
            profile: { real_name: "Carol Singh", status_text: "", status_emoji: "", status_expiration: 0 },
          },
    );
    ids.alice = await seedPerson(db, {
      email: "alice@northfield.ac.uk",
      name: "Alice Moreau",
      slackUserId: "U0ALICE01",
      timezone: "Europe/London",
    });
    ids.carol = await seedPerson(db, {
      email: "carol@northfield.ac.uk",
      name: "Carol Singh",
      slackUserId: "U0CAROL01",
      timezone: "Europe/London",
    });
    await seedPartnership(db, { title: "Cohort study", members: [ids.alice, ids.carol], weekday: 2 });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends no prompt to a person whose status is out of office until it expires", async () => {
    await tickEvery("checkins", Date.parse("2026-11-23T09:00:00Z"), SLOT + 2 * HOUR);
    await deliverAll(t, clock);
    expect(promptsTo("U0CAROL01")).toHaveLength(1);
    expect(promptsTo("U0ALICE01")).toHaveLength(0);
    expect(t.slackApi.callsTo("users.profile.get").map((c) => c.args.user)).toEqual(
      expect.arrayContaining(["U0ALICE01", "U0CAROL01"]),
    );
    const away = await db.select().from(personAway).where(eq(personAway.personId, ids.alice!));
    expect(away.map((a) => [a.fromDate, a.toDate, a.source])).toEqual([
      ["2026-11-24", "2026-11-27", "chat-status"],
    ]);

    // The rest of the week: Alice is away to Friday, and the weekend is no working day: no prompt at all.
    await tickEvery("checkins", SLOT + 3 * HOUR, Date.parse("2026-11-29T22:00:00Z"));
    await deliverAll(t, clock);
    expect(promptsTo("U0ALICE01")).toHaveLength(0);
    expect((await promptOf(db, ids.alice!)).map((p) => p.status)).toEqual(["skipped"]);
  });

  it("shows partners that the person is away until the status expires", async () => {
    clock.set("2026-11-25T12:00:00Z");
    const list = await collabAsker(t)("U0CAROL01", "partnerships");
    expect(list).toContain("Alice Moreau (away until Fri 27 November 2026)");
    expect(list).not.toContain("Slack status");
  });
});

describe("Slack status without the optional scope", () => {
  const clock = createTestClock("2026-11-23T08:00:00Z");
  let t: TestApp;

  beforeAll(async () => {
    t = await startClockedApp(clock);
    t.slackApi.answer("users.profile.get", () => MISSING_SCOPE);
    const db = t.database.db;
    const alice = await seedPerson(db, {
      email: "alice@northfield.ac.uk",
      name: "Alice Moreau",
      slackUserId: "U0ALICE01",
      timezone: "Europe/London",
    });
    const carol = await seedPerson(db, {
      email: "carol@northfield.ac.uk",
      name: "Carol Singh",
      slackUserId: "U0CAROL01",
      timezone: "Europe/London",
    });
    await seedPartnership(db, { title: "Cohort study", members: [alice, carol], weekday: 2 });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends the prompts as before and says once, at info, that statuses are not read", async () => {
    const job = t.app.jobs.find((j) => j.name === "checkins")!;
    for (let at = SLOT - HOUR; at <= SLOT + 2 * HOUR; at += HOUR) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(job, new Date(at));
    }
    await deliverAll(t, clock);
    const prompted = t.slackApi.callsTo("chat.postMessage").map((c) => c.args.channel);
    expect(prompted.sort()).toEqual(["U0ALICE01", "U0CAROL01"]);
    expect(t.slackApi.callsTo("users.profile.get").length).toBeGreaterThan(0);
    // Lines at info and above (the Slack SDK's own debug lines echo the answer).
    const told = t.logLines.filter((l) => l.includes("users.profile:read") && JSON.parse(l).level >= 30);
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!).level).toBe(30);
    expect(t.logLines.filter((l) => /"level":(40|50)/.test(l) && l.includes("status"))).toEqual([]);
  });
});
