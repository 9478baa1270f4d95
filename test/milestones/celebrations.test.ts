import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import {
  milestones,
  outbox,
  partnershipMembers,
  partnerships,
  people,
  programmeChannels,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { createTestClock, startClockedApp, viewSubmission } from "../helpers/clocked-app.ts";
import { collabSlash } from "../helpers/collab.ts";
import { lastOpenedView, seedBobOnTeams, seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { interactionBody, postToSlackEndpoint } from "../helpers/slack-requests.ts";
import { channelMessage, personalMessage, postActivity } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const NOW = new Date("2026-11-24T10:00:00Z");
const TEAMS_CHANNEL = "19:research-channel@thread.tacv2";

async function programme(db: Db, name: string) {
  const [row] = await db.insert(programmes).values({ name }).returning();
  return row!.id;
}

async function partnership(db: Db, title: string, programmeId: string, members: string[], startedAt = NOW) {
  const [row] = await db.insert(partnerships).values({ title, programmeId, startedAt }).returning();
  for (const personId of members)
    await db.insert(partnershipMembers).values({ partnershipId: row!.id, personId });
  return row!.id;
}

describe("milestones are celebrated once in each celebration channel of their programme", () => {
  const clock = createTestClock(NOW);
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const slash = (userId: string, text: string, channelId = "C0ONCO0001") =>
    collabSlash(t, userId, text, channelId);

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const onco = await programme(db, "Oncology Network");
    const cardio = await programme(db, "Cardio Scheme");
    ids.onco = onco;
    ids.cardio = cardio;
    ids.cora = await seedCora(db);
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    ids.dan = await seedPerson(db, { email: "dan@uni.org", name: "Dan", slackUserId: "U0DAN0001" });
    ids.nina = await seedPerson(db, { email: "nina@uni.org", name: "Nina", slackUserId: "U0NINA001" });
    ids.sam = await seedPerson(db, { email: "sam@uni.org", name: "Sam Reed", slackUserId: "U0SAM0001" });
    ids.olive = await seedPerson(db, {
      email: "olive@uni.org",
      name: "Olive Park",
      slackUserId: "U0OLIVE01",
    });
    await db.update(people).set({ celebrationsOptOut: true }).where(eq(people.id, ids.olive));
    ids.tess = await seedPerson(db, {
      email: "tess@hospital.org",
      name: "Tess Wong",
      institution: "St Mary's Hospital",
      teams: { aadObjectId: "aad-tess", serviceUrl: t.connector.serviceUrl },
    });
    ids.pete = await seedPerson(db, { email: "pete@uni.org", name: "Pete", slackUserId: "U0PETE001" });
    await db.insert(programmeMembers).values([
      { programmeId: onco, personId: ids.cora, role: "coordinator" },
      { programmeId: onco, personId: ids.bob, role: "coordinator" },
      { programmeId: cardio, personId: ids.dan, role: "coordinator" },
      { programmeId: onco, personId: ids.nina, role: "member" },
    ]);
    ids.cross = await partnership(db, "Cohort imaging study", onco, [ids.sam, ids.tess, ids.olive]);
    ids.heart = await partnership(
      db,
      "Heart failure registry",
      cardio,
      [ids.pete],
      new Date("2025-11-20T09:00:00Z"),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it("lets coordinators choose the channel on Slack and on Teams, and politely refuses others", async () => {
    const refused = await slash("U0NINA001", "celebrate here");
    expect(JSON.stringify(refused.json)).toContain("only a programme coordinator");
    const cora = await slash("U0CORA001", "celebrate here");
    expect(JSON.stringify(cora.json)).toContain("Oncology Network");
    await slash("U0DAN0001", "celebrate here", "C0CARDIO01");
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, channelMessage(t.connector.serviceUrl, "celebrate here"));
    expect(JSON.stringify(t.connector.calls.slice(before))).toContain("Oncology Network");
    const channels = await db.select().from(programmeChannels);
    expect(channels.map((c) => [c.programmeId, c.platform, c.channelId]).sort()).toEqual(
      [
        [ids.cardio, "slack", "C0CARDIO01"],
        [ids.onco, "slack", "C0ONCO0001"],
        [ids.onco, "teams", TEAMS_CHANNEL],
      ].sort(),
    );
  });

  it("refuses `celebrate here` in a direct message", async () => {
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "celebrate here"));
    expect(JSON.stringify(t.connector.calls.slice(before))).toContain("not in a direct message");
  });

  it("opens the milestone form with the person's partnerships and saves an achieved milestone", async () => {
    await slash("U0SAM0001", "milestone");
    const opened = await lastOpenedView(t);
    const view = JSON.stringify(opened.args.view);
    expect(view).toContain("Cohort imaging study");
    expect(view).not.toContain("Heart failure registry");
    const payload = viewSubmission({
      userId: "U0SAM0001",
      callbackId: "milestone.add",
      values: {
        partnership: { type: "static_select", selected_option: { value: ids.cross! } },
        title: { type: "plain_text_input", value: "Ethics approval granted" },
        kind: { type: "static_select", selected_option: { value: "ethics_approval" } },
        due: { type: "plain_text_input", value: "" },
        achieved: { type: "static_select", selected_option: { value: "yes" } },
      },
    });
    const response = await postToSlackEndpoint(t.baseUrl, interactionBody(payload));
    expect(response.status).toBe(200);
    const rows = await db.select().from(milestones).where(eq(milestones.partnershipId, ids.cross!));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.achievedAt?.toISOString()).toBe(NOW.toISOString());
    expect(rows[0]!.kind).toBe("ethics_approval");
  });

  it("posts it once in the Slack and the Teams channel of its programme, with mentions per platform", async () => {
    const slackBefore = t.slackApi.callsTo("chat.postMessage").length;
    const teamsBefore = t.connector.calls.length;
    const job = t.app.jobs.find((j) => j.name === "celebrations")!;
    clock.set(new Date(NOW.getTime() + 5 * 60_000));
    await job.run(clock.now());
    await t.app.delivery.drain();
    await job.run(new Date(NOW.getTime() + 10 * 60_000));
    await t.app.delivery.drain();

    const slackPosts = t.slackApi
      .callsTo("chat.postMessage")
      .slice(slackBefore)
      .filter((c) => JSON.stringify(c.args.blocks).includes("Milestone reached"));
    expect(slackPosts).toHaveLength(1);
    expect(slackPosts[0]!.args.channel).toBe("C0ONCO0001");
    expect(JSON.stringify(slackPosts[0]!.args.blocks)).toContain("Ethics approval granted");
    const slackText = JSON.stringify(slackPosts[0]!.args.blocks);
    expect(slackText).toContain("<@U0SAM0001>");
    expect(slackText).not.toContain("<@U0OLIVE01>");
    expect(slackText).toContain("Olive Park");
    expect(slackText).toContain("Tess Wong (St Mary's Hospital)");

    const teamsPosts = t.connector.calls
      .slice(teamsBefore)
      .filter((c) => JSON.stringify(c.activity).includes("Ethics approval granted"));
    expect(teamsPosts).toHaveLength(1);
    expect(["send", "reply"]).toContain(teamsPosts[0]!.kind);
    expect(teamsPosts[0]!.conversationId).toBe(TEAMS_CHANNEL);
    const [attachment] = teamsPosts[0]!.activity.attachments as {
      content: { msteams: { entities: { mentioned: { id: string } }[] } };
    }[];
    const entities = attachment!.content.msteams.entities;
    expect(entities.map((e) => e.mentioned.id)).toEqual(["aad-tess"]);
    expect(JSON.stringify(teamsPosts[0]!.activity)).toContain("Sam Reed (Northfield University)");

    const cardio = await db.select().from(outbox).where(eq(outbox.platform, "slack"));
    expect(
      cardio.filter(
        (r) => JSON.stringify(r.target).includes("C0CARDIO01") && r.kind === "celebration.milestone",
      ),
    ).toEqual([]);
  });

  it("celebrates a milestone marked achieved from Teams, and an anniversary only in its own programme, once", async () => {
    await db
      .insert(milestones)
      .values({ partnershipId: ids.cross!, title: "First participant in", kind: "first_participant" });
    const [open] = await db.select().from(milestones).where(eq(milestones.title, "First participant in"));
    const tess = { id: "29:tess", aadObjectId: "aad-tess", name: "Tess Wong" };
    await postActivity(t.baseUrl, {
      ...personalMessage(t.connector.serviceUrl, "", tess),
      text: undefined,
      value: { actionId: "milestone.achieve", milestone: open!.id },
    });
    const [achieved] = await db.select().from(milestones).where(eq(milestones.id, open!.id));
    expect(achieved!.achievedAt).not.toBeNull();
    expect(achieved!.achievedBy).toBe(ids.tess);

    const job = t.app.jobs.find((j) => j.name === "celebrations")!;
    const first = await job.run(clock.now());
    expect(first.counts?.posts).toBe(2); // the milestone in two channels (the anniversary went with the last run)
    const again = await job.run(new Date(clock.now().getTime() + 60 * 60_000));
    expect(again.counts?.posts).toBe(0);
    const rows = await db.select().from(outbox).where(eq(outbox.kind, "celebration.anniversary"));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.target)).toContain("C0CARDIO01");
    expect(JSON.stringify(rows[0]!.message)).toContain("Heart failure registry");
  });

  it("refuses a milestone on a partnership the person is not in", async () => {
    const before = (await db.select().from(milestones)).length;
    const calls = t.connector.calls.length;
    await postActivity(t.baseUrl, {
      ...personalMessage(t.connector.serviceUrl, ""),
      text: undefined,
      value: {
        actionId: "milestone.add",
        partnership: ids.cross,
        title: "Not mine",
        kind: "other",
        achieved: "yes",
      },
    });
    expect(JSON.stringify(t.connector.calls.slice(calls))).toContain("You are not in that partnership");
    expect(await db.select().from(milestones)).toHaveLength(before);
  });

  it("posts once when several instances run the job at the same time", async () => {
    const [partnershipRow] = await db.select().from(partnerships).where(eq(partnerships.id, ids.cross!));
    await db.insert(milestones).values({
      partnershipId: partnershipRow!.id,
      title: "Grant awarded by the council",
      kind: "grant_awarded",
      achievedAt: clock.now(),
    });
    const job = t.app.jobs.find((j) => j.name === "celebrations")!;
    const at = new Date(clock.now().getTime() + 60_000);
    const results = await Promise.all([job.run(at), job.run(at), job.run(at)]);
    expect(results.reduce((n, r) => n + (r.counts?.posts ?? 0), 0)).toBe(2);
    const rows = (await db.select().from(outbox)).filter((r) =>
      JSON.stringify(r.message).includes("Grant awarded by"),
    );
    expect(rows).toHaveLength(2);
  });
});
