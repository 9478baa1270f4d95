// Days away on all three doors: `/collab away` on Slack, `away` on Teams and in the terminal chat; prompts and
// reminders skip the days away (across a period boundary), partners see "away until …" and never the reason.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { checkins, personAway } from "../../src/db/schema.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import { collabAsker, teamsSay } from "../helpers/collab.ts";
import { openChat } from "../helpers/console-chat.ts";
import { promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import { teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const HOUR = 3_600_000;
const ALICE = "alice@northfield.ac.uk";

describe("days away", () => {
  const clock = createTestClock("2026-11-23T08:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const job = (name: string) => t.app.jobs.find((j) => j.name === name)!;
  const tickEvery = async (name: string, from: string, to: string, stepHours: number) => {
    for (let at = Date.parse(from); at <= Date.parse(to); at += stepHours * HOUR) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(job(name), new Date(at));
    }
  };
  let slack: ReturnType<typeof collabAsker>;
  const teams = async (text: string) => {
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, teamsUserBob, text);
    return vi.waitFor(() => {
      const replies = t.connector.calls.slice(before).filter((c) => c.kind === "reply" || c.kind === "send");
      if (replies.length === 0) throw new Error("no Teams reply yet");
      return JSON.stringify(replies.map((r) => r.activity));
    });
  };
  const dueOf = async (personId: string) =>
    (await promptOf(db, personId)).map((p) => p.dueAt.toISOString()).sort();

  beforeAll(async () => {
    t = await startClockedApp(clock);
    slack = collabAsker(t);
    db = t.database.db;
    ids.alice = await seedPerson(db, {
      email: ALICE,
      name: "Alice Moreau",
      slackUserId: "U0ALICE01",
      timezone: "America/New_York",
    });
    ids.bob = await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      timezone: "Europe/Berlin",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    ids.carol = await seedPerson(db, {
      email: "carol@northfield.ac.uk",
      name: "Carol Singh",
      slackUserId: "U0CAROL01",
      timezone: "Europe/London",
    });
    ids.cohort = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.alice, ids.bob, ids.carol],
      weekday: 2,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("is set on Slack and Teams, refuses bad dates and patient identifiers, and keeps the reason", async () => {
    expect(await slack("U0CAROL01", "away 2026-11-23 2026-11-27 annual leave")).toContain(
      "Noted: away from Mon 23 November 2026 to Fri 27 November 2026",
    );
    expect(await teams("away 2026-11-24 2026-11-24 nights")).toContain(
      "Noted: away from Tue 24 November 2026",
    );
    expect(await slack("U0CAROL01", "away 2026-11-27 2026-11-23")).toContain(
      "The last day comes before the first",
    );
    expect(await slack("U0CAROL01", "away 2026-12-01 2026-12-02 NHS number 943 476 5919")).toContain(
      "may identify a patient",
    );
    expect(await slack("U0CAROL01", "away next week")).toContain("YYYY-MM-DD");
    const rows = await db.select().from(personAway);
    expect(rows.map((r) => [r.fromDate, r.toDate, r.reason]).sort()).toEqual([
      ["2026-11-23", "2026-11-27", "annual leave"],
      ["2026-11-24", "2026-11-24", "nights"],
    ]);
  });

  it("skips the days away: no prompt all week for Carol, Bob's moves from Tuesday to Wednesday", async () => {
    await tickEvery("checkins", "2026-11-23T09:00:00Z", "2026-11-25T23:00:00Z", 1);
    const [week] = await db.select().from(checkins).where(eq(checkins.partnershipId, ids.cohort!));
    expect(week!.periodKey).toBe("2026-W48");
    expect(await dueOf(ids.alice!)).toEqual(["2026-11-24T15:00:00.000Z"]); // Tuesday 10:00 New York
    expect(await dueOf(ids.bob!)).toEqual(["2026-11-25T09:00:00.000Z"]); // Wednesday 10:00 Berlin
    expect(await dueOf(ids.carol!)).toEqual([]); // away all week
    expect((await promptOf(db, ids.bob!))[0]!.status).toBe("sent");
    await deliverAll(t, clock); // a reminder follows a delivered prompt only
  });

  it("is set in the terminal chat across a period boundary; reminders skip it and Thanksgiving", async () => {
    const chat = openChat(t.database, ALICE);
    try {
      chat.type("jobs run reminders --now 2026-11-25T23:30:00Z"); // the chat's clock, as of the scenario
      await chat.waitFor(/remind/i);
      chat.type("away 2026-11-27 2026-12-01 on call");
      await chat.waitFor("Noted: away from Fri 27 November 2026 to Tue 1 December 2026");
    } finally {
      await chat.close();
    }
    await tickEvery("reminders", "2026-11-26T00:00:00Z", "2026-11-29T22:00:00Z", 2);
    const reminded = async (personId: string) =>
      (await promptOf(db, personId)).map((p) => p.remindedAt?.toISOString() ?? null);
    // Bob: 24 hours after Wednesday's prompt, on the next working morning, Friday 09:00 Berlin.
    expect(await reminded(ids.bob!)).toEqual(["2026-11-27T08:00:00.000Z"]);
    // Alice: Thursday is Thanksgiving, Friday she is away, and Monday is the next period: no reminder.
    expect((await promptOf(db, ids.alice!))[0]!.status).toBe("sent");
    expect(await reminded(ids.alice!)).toEqual([null]);
  });

  it("moves the next week's prompt past the days away, and partners see 'away until' without the reason", async () => {
    await tickEvery("checkins", "2026-11-30T00:00:00Z", "2026-12-02T23:00:00Z", 1);
    expect((await dueOf(ids.alice!)).at(-1)).toBe("2026-12-02T15:00:00.000Z"); // Wednesday, the day after
    expect(await dueOf(ids.carol!)).toEqual(["2026-12-01T10:00:00.000Z"]); // back: Tuesday as usual
    expect((await dueOf(ids.bob!)).at(-1)).toBe("2026-12-01T09:00:00.000Z");

    clock.set("2026-11-30T12:00:00Z");
    const list = await slack("U0CAROL01", "partnerships");
    expect(list).toContain("Alice Moreau (away until Tue 1 December 2026)");
    expect(list).not.toContain("on call");
    const onTeams = await teams("partnerships");
    expect(onTeams).toContain("Alice Moreau (away until Tue 1 December 2026)");
    expect(onTeams).not.toContain("on call");
  });

  it("is cleared with `away clear`, and then partners no longer see it", async () => {
    expect(await slack("U0CAROL01", "away 2026-12-07 2026-12-11")).toContain("Noted");
    expect(await slack("U0CAROL01", "away clear")).toContain("Welcome back");
    expect(await slack("U0CAROL01", "away clear")).toContain("no days away to clear");
    const carol = (await db.select().from(personAway)).filter((r) => r.personId === ids.carol);
    expect(carol.map((r) => r.toDate)).toEqual(["2026-11-27"]); // the past stays, for the digest
  });

  it("moves a prompt planned already when its member goes away that day, to their next open morning", async () => {
    await tickEvery("checkins", "2026-12-08T00:00:00Z", "2026-12-08T09:00:00Z", 1); // planned at Bob's 10:00
    expect((await dueOf(ids.carol!)).at(-1)).toBe("2026-12-08T10:00:00.000Z");
    clock.set("2026-12-08T09:30:00Z");
    expect(await slack("U0CAROL01", "away 2026-12-08 2026-12-08")).toContain("Noted");
    await tickEvery("checkins", "2026-12-08T10:00:00Z", "2026-12-09T12:00:00Z", 1);
    const [latest] = (await promptOf(db, ids.carol!)).sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
    expect(latest).toMatchObject({ dueAt: new Date("2026-12-09T09:00:00Z"), status: "sent" });
    expect(latest!.sentAt).toEqual(new Date("2026-12-09T09:00:00Z"));
  });
});
