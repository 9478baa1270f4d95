import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import {
  auditLog,
  mentorMeetings,
  mentorships,
  outbox,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { createTestClock, startClockedApp, viewSubmission } from "../helpers/clocked-app.ts";
import { collabSlash } from "../helpers/collab.ts";
import { lastOpenedView, seedBobOnTeams, seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { interactionBody, postToSlackEndpoint } from "../helpers/slack-requests.ts";
import { personalMessage, postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

describe("mentor follow-ups: a mentor on Teams, a mentee on Slack", () => {
  const clock = createTestClock("2026-11-24T15:00:00Z"); // a Tuesday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const slash = (userId: string, text: string) => collabSlash(t, userId, text);
  const teamsSubmit = (value: Record<string, unknown>, replyToId?: string) =>
    postActivity(t.baseUrl, {
      ...personalMessage(t.connector.serviceUrl, ""),
      text: undefined,
      value,
      ...(replyToId ? { replyToId } : {}),
    });
  const job = () => t.app.jobs.find((j) => j.name === "mentor-followups")!;
  const prompts = async () => (await db.select().from(outbox)).filter((r) => r.kind === "mentor.followup");
  const mentorship = async () => (await db.select().from(mentorships).where(eq(mentorships.id, ids.m!)))[0]!;

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db
      .insert(programmes)
      .values({ name: "Clinical Academic Training" })
      .returning();
    ids.cora = await seedCora(db);
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    ids.mia = await seedPerson(db, { email: "mia@uni.org", name: "Mia Chen", slackUserId: "U0MIA0001" });
    await db
      .insert(programmeMembers)
      .values({ programmeId: programme!.id, personId: ids.cora, role: "coordinator" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lets a coordinator pair them (email and Slack mention), and refuses anyone else", async () => {
    const refused = await slash("U0MIA0001", "mentor add bob@hospital.org <@U0MIA0001|mia>");
    expect(JSON.stringify(refused.json)).toContain("only a programme coordinator");
    const added = await slash("U0CORA001", "mentor add bob@hospital.org <@U0MIA0001|mia>");
    expect(JSON.stringify(added.json)).toContain("Bob Okafor now mentors Mia Chen");
    const again = await slash("U0CORA001", "mentor add bob@hospital.org mia@uni.org");
    expect(JSON.stringify(again.json)).toContain("already mentors");
    const rows = await db.select().from(mentorships);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mentorId: ids.bob, menteeId: ids.mia, followUpDays: 14, rhythmDays: 30 });
    ids.m = rows[0]!.id;
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "mentorship.add"));
    expect(audit).toHaveLength(1);
  });

  it("both log the meeting: the mentee from a Slack modal, the mentor from a Teams card", async () => {
    await slash("U0MIA0001", "mentor log");
    const opened = await lastOpenedView(t);
    expect(JSON.stringify(opened.args.view)).toContain("Mentored by Bob Okafor");
    const submitted = await postToSlackEndpoint(
      t.baseUrl,
      interactionBody(
        viewSubmission({
          userId: "U0MIA0001",
          callbackId: "mentor.log",
          values: {
            mentorship: { type: "static_select", selected_option: { value: ids.m! } },
            met_on: { type: "plain_text_input", value: "2026-11-24" },
            next_step: { type: "plain_text_input", value: "Draft the methods section" },
          },
        }),
      ),
    );
    expect(submitted.status).toBe(200);

    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "mentor log"));
    expect(JSON.stringify(t.connector.calls.slice(before))).toContain("Mentoring Mia Chen");
    await teamsSubmit({ actionId: "mentor.log", mentorship: ids.m, met_on: "2026-11-24", next_step: "" });

    const meetings = await db.select().from(mentorMeetings);
    expect(meetings.map((m) => [m.metOn, m.loggedBy, m.nextStep]).sort()).toEqual(
      [
        ["2026-11-24", ids.bob, null],
        ["2026-11-24", ids.mia, "Draft the methods section"],
      ].sort(),
    );
    // 14 days later, at the start of Bob's working day in London.
    expect((await mentorship()).nextFollowUpAt?.toISOString()).toBe("2026-12-08T09:00:00.000Z");
  });

  it("refuses a future date", async () => {
    const before = t.connector.calls.length;
    await teamsSubmit({ actionId: "mentor.log", mentorship: ids.m, met_on: "2027-05-01", next_step: "" });
    expect(JSON.stringify(t.connector.calls.slice(before))).toContain("in the future");
  });

  it("refuses a next step with a patient identifier, and stores nothing", async () => {
    const meetings = (await db.select().from(mentorMeetings)).length;
    const before = t.connector.calls.length;
    await teamsSubmit({
      actionId: "mentor.log",
      mentorship: ids.m,
      met_on: "2026-11-24",
      next_step: "Review the notes of the patient with MRN 12345678",
    });
    const shown = JSON.stringify(t.connector.calls.slice(before));
    expect(shown).toContain("Please rephrase without identifiers");
    // The form comes back to its author holding what they typed, to rephrase (issue 17 item 3): only there.
    expect(shown.split("12345678")).toHaveLength(2);
    expect(shown).toContain('"value":"Review the notes of the patient with MRN 12345678"');
    expect(await db.select().from(mentorMeetings)).toHaveLength(meetings);
    expect(t.logLines.join("\n")).not.toContain("12345678");
  });

  it("prompts the mentor exactly once, 14 days later, at a working hour", async () => {
    for (const at of ["2026-12-07T10:00:00Z", "2026-12-08T08:30:00Z"]) {
      expect((await job().run(new Date(at))).counts?.prompts).toBe(0);
    }
    const at = new Date("2026-12-08T09:00:00Z");
    expect((await job().run(at)).counts?.prompts).toBe(1);
    for (const later of ["2026-12-08T09:15:00Z", "2026-12-08T14:00:00Z", "2026-12-10T10:00:00Z"]) {
      expect((await job().run(new Date(later))).counts?.prompts).toBe(0);
    }
    clock.set(at);
    const before = t.connector.calls.length;
    await t.app.delivery.drain();
    const sent = t.connector.calls.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${teamsUserBob.aadObjectId}`);
    const shown = JSON.stringify(sent[0]!.activity);
    expect(shown).toContain("Time to follow up with");
    expect(shown).toContain("Mia Chen (Northfield University)");
    expect(shown).toContain("Snooze a week");
    expect(await prompts()).toHaveLength(1);
  });

  it("does not prompt outside the mentor's working hours, and waits for them", async () => {
    await db
      .update(mentorships)
      .set({ nextFollowUpAt: new Date("2026-12-12T09:00:00Z") })
      .where(eq(mentorships.id, ids.m!));
    expect((await job().run(new Date("2026-12-12T10:00:00Z"))).counts?.prompts).toBe(0); // Saturday
    expect((await job().run(new Date("2026-12-14T08:45:00Z"))).counts?.prompts).toBe(0); // Monday before 9
    expect((await job().run(new Date("2026-12-14T09:00:00Z"))).counts?.prompts).toBe(1);
  });

  it("Snooze moves the next prompt a week, and only the mentor may press it", async () => {
    clock.set("2026-12-14T09:05:00Z");
    const slackClick = await postToSlackEndpoint(
      t.baseUrl,
      interactionBody({
        type: "block_actions",
        team: { id: "T0FAKE001", domain: "research-uni" },
        user: { id: "U0MIA0001", username: "mia", name: "mia", team_id: "T0FAKE001" },
        api_app_id: "A0COLLAB01",
        token: "deprecated-verification-token",
        trigger_id: "1.2.3",
        response_url: t.slackApi.responseUrl("mia-click"),
        actions: [
          {
            type: "button",
            action_id: "mentor.followup:snooze",
            block_id: "b",
            value: ids.m,
            action_ts: "1",
          },
        ],
      }),
    );
    expect(slackClick.status).toBe(200);
    expect((await mentorship()).nextFollowUpAt).toBeNull();

    const before = t.connector.calls.length;
    await teamsSubmit({ actionId: "mentor.followup:snooze", value: ids.m }, "activity-prompt");
    expect((await mentorship()).nextFollowUpAt?.toISOString()).toBe("2026-12-21T09:05:00.000Z");
    const update = t.connector.calls.slice(before).find((c) => c.kind === "update");
    expect(JSON.stringify(update?.activity)).toContain("Snoozed");
    expect((await job().run(new Date("2026-12-18T10:00:00Z"))).counts?.prompts).toBe(0);
    expect((await job().run(new Date("2026-12-21T09:15:00Z"))).counts?.prompts).toBe(1);
  });

  it("Not needed now clears the follow-up; Done logs a meeting today", async () => {
    clock.set("2026-12-21T09:20:00Z");
    await teamsSubmit({ actionId: "mentor.followup:skip", value: ids.m }, "activity-prompt");
    expect((await mentorship()).nextFollowUpAt).toBeNull();
    await teamsSubmit({ actionId: "mentor.followup:done", value: ids.m }, "activity-prompt");
    const meetings = await db.select().from(mentorMeetings).where(eq(mentorMeetings.metOn, "2026-12-21"));
    expect(meetings).toHaveLength(1);
    expect((await mentorship()).nextFollowUpAt?.toISOString()).toBe("2027-01-04T09:00:00.000Z");
    await db.update(mentorships).set({ nextFollowUpAt: null }).where(eq(mentorships.id, ids.m!));
  });

  it("nudges both once when they have not met for 1.5× their rhythm", async () => {
    // Last meeting 2026-12-21; rhythm 30 days → silent from 2027-02-04.
    expect((await job().run(new Date("2027-02-03T10:00:00Z"))).counts?.nudges).toBe(0);
    expect((await job().run(new Date("2027-02-04T10:00:00Z"))).counts?.nudges).toBe(2);
    expect((await job().run(new Date("2027-02-05T10:00:00Z"))).counts?.nudges).toBe(0);
    expect((await job().run(new Date("2027-03-30T10:00:00Z"))).counts?.nudges).toBe(0);
    clock.set("2027-02-04T10:01:00Z");
    const slackBefore = t.slackApi.callsTo("chat.postMessage").length;
    const teamsBefore = t.connector.calls.length;
    await t.app.delivery.drain();
    const toMia = t.slackApi.callsTo("chat.postMessage").slice(slackBefore);
    expect(toMia.map((c) => c.args.channel)).toEqual(["U0MIA0001"]);
    expect(JSON.stringify(toMia[0]!.args)).toContain("/collab mentor log");
    const toBob = t.connector.calls
      .slice(teamsBefore)
      .filter((c) => JSON.stringify(c.activity).includes("haven't logged a meeting"));
    expect(toBob).toHaveLength(1);
    expect(JSON.stringify(toBob[0]!.activity)).toContain("Mia Chen (Northfield University)");
  });

  it("two instances running the same instant send one prompt and one pair of nudges", async () => {
    await db
      .update(mentorships)
      .set({ nextFollowUpAt: new Date("2027-04-05T09:00:00Z"), lastNudgedAt: null })
      .where(eq(mentorships.id, ids.m!));
    await db.insert(mentorMeetings).values({ mentorshipId: ids.m!, loggedBy: ids.mia, metOn: "2027-02-10" });
    const at = new Date("2027-04-05T09:30:00Z");
    const results = await Promise.all([job().run(at), job().run(at), job().run(at)]);
    expect(results.reduce((n, r) => n + (r.counts?.prompts ?? 0), 0)).toBe(1);
    expect(results.reduce((n, r) => n + (r.counts?.nudges ?? 0), 0)).toBe(2);
  });
});
