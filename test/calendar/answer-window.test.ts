// A programme's answer window, set by its coordinator on Slack, Teams and in the terminal chat (audited, never at
// night), and the check-in prompts planned inside it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { slackActor } from "../../src/bots/slack/actor.ts";
import { ANSWER_WINDOW_SAVE_ACTION } from "../../src/core/calendar/create-answer-window-feature.ts";
import type { Db } from "../../src/db/client.ts";
import { auditLog, programmeMembers, programmes } from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import { collabAsker, teamsSay } from "../helpers/collab.ts";
import { openChat } from "../helpers/console-chat.ts";
import { promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { seedBobOnTeams, seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const HOUR = 3_600_000;

describe("the answer window", () => {
  const clock = createTestClock("2026-11-23T08:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  let slack: ReturnType<typeof collabAsker>;
  const windowOf = async (programmeId: string) => {
    const [row] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
    return [row!.answerDays, row!.answerStartHour, row!.answerEndHour];
  };

  beforeAll(async () => {
    t = await startClockedApp(clock);
    slack = collabAsker(t);
    db = t.database.db;
    ids.cora = await seedCora(db);
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    ids.carol = await seedPerson(db, { email: "carol@uni.org", name: "Carol", slackUserId: "U0CAROL01" });
    const [onco, trials] = await db
      .insert(programmes)
      .values([{ name: "Oncology Network" }, { name: "Trials Unit" }])
      .returning();
    ids.onco = onco!.id;
    ids.trials = trials!.id;
    await db.insert(programmeMembers).values([
      { programmeId: ids.onco, personId: ids.cora, role: "coordinator" },
      { programmeId: ids.trials, personId: ids.bob, role: "coordinator" },
      { programmeId: ids.onco, personId: ids.carol, role: "member" },
    ]);
    ids.study = await seedPartnership(db, {
      title: "Survival study",
      members: [ids.carol, ids.bob],
      programmeId: ids.onco,
      weekday: 2,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("is set by the coordinator on Slack, audited; refused at night, in half hours, and to members", async () => {
    expect(await windowOf(ids.onco!)).toEqual([[1, 2, 3, 4, 5], 9, 17]);
    expect(await slack("U0CORA001", "window Mon-Fri 06:00-17:00")).toContain("Not at night");
    expect(await slack("U0CORA001", "window Mon-Fri 09:00-21:00")).toContain("Not at night");
    expect(await slack("U0CORA001", "window Mon-Fri 09:30-17:00")).toContain("whole hours");
    expect(await slack("U0CAROL01", "window Mon-Fri 09:00-17:00")).toContain("only a programme coordinator");
    expect(await windowOf(ids.onco!)).toEqual([[1, 2, 3, 4, 5], 9, 17]);
    expect(await slack("U0CORA001", "window Wed-Thu 14:00-16:00")).toContain(
      "Saved: Oncology Network check-ins come Wed, Thu 14:00–16:00",
    );
    expect(await windowOf(ids.onco!)).toEqual([[3, 4], 14, 16]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "programme.answer-window"));
    expect(audit).toMatchObject([{ actor: ids.cora, platform: "slack", subject: ids.onco }]);
  });

  it("plans the prompts inside the window: Tuesday 10:00 becomes Wednesday 14:00 in each member's zone", async () => {
    for (let at = Date.parse("2026-11-24T00:00:00Z"); at <= Date.parse("2026-11-25T23:00:00Z"); at += HOUR) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(t.app.jobs.find((j) => j.name === "checkins")!, new Date(at));
    }
    const due = async (personId: string) => (await promptOf(db, personId)).map((p) => p.dueAt.toISOString());
    expect(await due(ids.carol!)).toEqual(["2026-11-25T14:00:00.000Z"]); // London
    expect(await due(ids.bob!)).toEqual(["2026-11-25T14:00:00.000Z"]); // Bob is in London too
  });

  it("opens as a form on Teams, and the form refuses a night window", async () => {
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, teamsUserBob, "window");
    const card = await vi.waitFor(() => {
      const reply = t.connector.calls.slice(before).find((c) => c.kind === "reply" || c.kind === "send");
      if (!reply) throw new Error("no Teams reply yet");
      return JSON.stringify(reply.activity);
    });
    expect(card).toContain("Check-in window");
    expect(card).toContain(ANSWER_WINDOW_SAVE_ACTION);
    const submit = (inputs: Record<string, string | string[]>) =>
      t.app.core.handleAction({
        actor: slackActor(FAKE_TEAM_ID, "U0CORA001"),
        actionId: ANSWER_WINDOW_SAVE_ACTION,
        value: ids.onco!,
        inputs,
      });
    expect(await submit({ days: ["1", "2"], start: "7", end: "21" })).toMatchObject({
      kind: "invalid",
      errors: { end: expect.stringContaining("Not at night") },
    });
    expect(await submit({ days: [], start: "9", end: "17" })).toMatchObject({ kind: "invalid" });
    expect(await submit({ days: ["1", "2", "3", "4", "5"], start: "8", end: "18" })).toMatchObject({
      kind: "message",
    });
    expect(await windowOf(ids.onco!)).toEqual([[1, 2, 3, 4, 5], 8, 18]);
  });

  it("is set in the terminal chat too", async () => {
    const chat = openChat(t.database, "cora@uni.org");
    try {
      chat.type("window Oncology Network Mon-Thu 9-17");
      await chat.waitFor("Saved: Oncology Network check-ins come Mon–Thu 09:00–17:00");
    } finally {
      await chat.close();
    }
    expect(await windowOf(ids.onco!)).toEqual([[1, 2, 3, 4], 9, 17]);
  });
});
