// `/collab partnerships` on Slack and Teams: next check-in in my zone, members change the cadence, coordinators pause and end.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { auditLog, checkins, partnerships, programmeMembers, programmes } from "../../src/db/schema.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import {
  blockActionsPayload,
  cardOf,
  collabSlash,
  postInteraction,
  slackButtons,
  submitActions,
  teamsSubmit,
} from "../helpers/collab.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import { personalMessage, postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

/** Bolt acks first and answers after; on a busy machine that can take a few seconds. */
const slowMachine = { timeout: 15_000, interval: 20 };

interface SlackAck {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

describe("partnerships in chat", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const slash = async (userId: string, text: string) => {
    const response = await collabSlash(t, userId, text);
    expect(response.status).toBe(200);
    return response.json as SlackAck;
  };
  const click = async (userId: string, button: { action_id: string; value?: string }) => {
    const respondId = `click-${Math.random().toString(36).slice(2)}`;
    await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user: { id: userId, name: userId.toLowerCase() },
        actionId: button.action_id,
        value: button.value ?? "",
        responseUrl: t.slackApi.responseUrl(respondId),
        container: { channelId: "D0DIRECT01", messageTs: "1700000000.000100", ephemeral: true },
      }),
    );
    return vi.waitFor(() => {
      const call = t.slackApi.calls.find((c) => c.method === "response_url" && c.args._id === respondId);
      if (!call) throw new Error("no answer yet");
      return call.args as Record<string, unknown>;
    }, slowMachine);
  };
  const teams = async (activity: Record<string, unknown>) => {
    const before = t.connector.calls.length;
    expect((await postActivity(t.baseUrl, activity)).status).toBe(200);
    return t.connector.calls.slice(before);
  };
  const partnership = async () =>
    (await db.select().from(partnerships).where(eq(partnerships.id, ids.p!)))[0]!;
  const checkinsJob = () => t.app.jobs.find((j) => j.name === "checkins")!;

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    ids.alice = await seedPerson(db, {
      email: "alice@northfield.ac.uk",
      name: "Alice Moreau",
      slackUserId: "U0ALICE01",
      timezone: "America/New_York",
    });
    ids.carol = await seedPerson(db, {
      email: "carol@northfield.ac.uk",
      name: "Carol Singh",
      slackUserId: "U0CAROL01",
    });
    ids.mallory = await seedPerson(db, { email: "mallory@northfield.ac.uk", slackUserId: "U0MALLORY" });
    ids.bob = await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      timezone: "Europe/Berlin",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    await db.insert(programmeMembers).values([
      { programmeId: programme!.id, personId: ids.bob, role: "coordinator" },
      { programmeId: programme!.id, personId: ids.alice, role: "member" },
      { programmeId: programme!.id, personId: ids.mallory, role: "member" },
    ]);
    ids.p = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.alice, ids.carol],
      programmeId: programme!.id,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists my partnerships with my next check-in in my own time zone", async () => {
    const reply = await slash("U0ALICE01", "partnerships");
    expect(reply.response_type).toBe("ephemeral");
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("Cohort study");
    expect(shown).toContain("Oncology Network");
    expect(shown).toContain("With Carol Singh");
    expect(shown).toContain("Your next check-in: Tue 24 November 2026, 10:00 (America/New_York)");
    const buttons = slackButtons(reply.blocks).map((b) => b.text.text);
    expect(buttons).toEqual(["Fortnightly", "Monthly"]); // a member, not a coordinator
  });

  it("a member changes the cadence with a button; the list updates in place and no slot already past is sent", async () => {
    const reply = await slash("U0ALICE01", "partnerships");
    const monthly = slackButtons(reply.blocks).find((b) => b.text.text === "Monthly")!;
    const answer = await click("U0ALICE01", monthly);
    expect(answer.replace_original).toBe(true);
    const shown = JSON.stringify(answer.blocks);
    expect(shown).toContain("Cohort study now checks in monthly.");
    expect(shown).toContain("Your next check-in: Tue 1 December 2026, 10:00 (America/New_York)");
    expect((await partnership()).cadence).toBe("monthly");
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "partnership.cadence"));
    expect(audit).toMatchObject([{ actor: ids.alice, platform: "slack", subject: ids.p }]);
    // November's monthly slot (Tuesday 3rd) is long past: it is neither sent now nor recorded as missed.
    clock.set("2026-11-24T15:00:00Z");
    const run = await checkinsJob().run(new Date("2026-11-24T15:00:00Z"));
    expect(run.counts).toMatchObject({ planned: 0, sent: 0, skipped: 0 });
    const planned = await db.select().from(checkins).where(eq(checkins.partnershipId, ids.p!));
    expect(planned.map((c) => c.periodKey)).toEqual(["2026-11"]);
  });

  it("refuses a forged coordinator or member button on the server", async () => {
    // Someone outside the partnership and its programme learns nothing about it, not even its title.
    const pause = await click("U0MALLORY", { action_id: "partnership.pause", value: ids.p! });
    expect(JSON.stringify(pause.blocks)).toContain("That partnership no longer exists.");
    expect(JSON.stringify(pause.blocks)).not.toContain("Cohort study");
    const cadence = await click("U0MALLORY", { action_id: "partnership.cadence", value: `${ids.p}:weekly` });
    expect(JSON.stringify(cadence.blocks)).toContain("That partnership no longer exists.");
    expect(await partnership()).toMatchObject({ status: "active", cadence: "monthly" });
    // A member may see it but not pause it.
    const memberPause = await click("U0ALICE01", { action_id: "partnership.pause", value: ids.p! });
    expect(JSON.stringify(memberPause.blocks)).toContain(
      "Only a coordinator of Oncology Network can pause Cohort study.",
    );
    expect((await partnership()).status).toBe("active");
    const endConfirmed = await click("U0ALICE01", { action_id: "partnership.end-confirm", value: ids.p! });
    expect(JSON.stringify(endConfirmed.blocks)).toContain("Only a coordinator");
    expect((await partnership()).status).toBe("active");
  });

  it("a coordinator on Teams pauses, resumes and ends a partnership of their programme", async () => {
    const listed = await teams(personalMessage(t.connector.serviceUrl, "partnerships"));
    const card = cardOf(listed.find((c) => c.kind === "send" || c.kind === "reply")!.activity);
    expect(JSON.stringify(card)).toContain("In the programmes you coordinate");
    const actions = submitActions(card);
    expect(actions.map((a) => a.title)).toEqual(["Pause", "End…"]);

    const press = async (data: { actionId: string; value?: string }) => {
      const calls = await teams(teamsSubmit(t.connector.serviceUrl, teamsUserBob, data, "activity-list-1"));
      const update = calls.find((c) => c.kind === "update");
      expect(update?.activityId).toBe("activity-list-1");
      return cardOf(update!.activity);
    };
    const paused = await press(actions[0]!.data);
    expect(JSON.stringify(paused)).toContain("Cohort study is paused");
    expect((await partnership()).status).toBe("paused");
    // Paused: December's check-in is not sent.
    clock.set("2026-12-01T15:00:00Z");
    expect((await checkinsJob().run(new Date("2026-12-01T15:00:00Z"))).counts).toMatchObject({ sent: 0 });

    const resumed = await press(submitActions(paused).find((a) => a.title === "Resume")!.data);
    expect(JSON.stringify(resumed)).toContain("Cohort study is resumed");
    expect((await partnership()).status).toBe("active");

    const confirm = await press(submitActions(resumed).find((a) => a.title === "End…")!.data);
    expect(JSON.stringify(confirm)).toContain("Pausing can be undone; ending cannot.");
    const ended = await press(submitActions(confirm).find((a) => a.title === "End partnership")!.data);
    expect(JSON.stringify(ended)).toContain("Cohort study is ended");
    const row = await partnership();
    expect(row.status).toBe("ended");
    expect(row.endedAt?.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, ids.bob!), eq(auditLog.subject, ids.p!)));
    expect(audit.map((a) => a.action)).toEqual([
      "partnership.pause",
      "partnership.resume",
      "partnership.end",
    ]);
    expect(audit[0]!.platform).toBe("teams");

    const after = await slash("U0ALICE01", "partnerships");
    expect(JSON.stringify(after.blocks)).toContain("You are not in a partnership yet.");
  });
});
