// Coordinator digests end to end: a week of activity (seeded as rows: check-ins, intros, milestones, mentoring and
// outbox outcomes), the job at several instants, delivery through the real Slack and Teams clients, the buttons.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NOT_A_COORDINATOR } from "../../src/core/digest/create-digest-feature.ts";
import type { Db } from "../../src/db/client.ts";
import {
  auditLog,
  checkinPrompts,
  checkins,
  intros,
  mentorships,
  milestones,
  outbox,
  partnershipMembers,
  partnerships,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import {
  blockActionsPayload,
  cardOf,
  collabSlash,
  type ModalView,
  outboxOf,
  postInteraction,
  slackButtons,
  submitActions,
  teamsSay,
  teamsSubmit,
  viewSubmissionPayload,
} from "../helpers/collab.ts";
import { lastOpenedView } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { postActivity } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
/** Monday 00:00 UTC of the week `k` weeks before the week of 23 November 2026. */
const weekStart = (k: number) => new Date(at("2026-11-23T00:00:00Z").getTime() - k * 7 * DAY);
const parsed = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
const tomas = { id: "29:tomas", aadObjectId: "aad-tomas", name: "Tomas Silva" };
const bob = { id: "29:bob", aadObjectId: "aad-bob", name: "Bob Okafor" };

type Answer = "on_track" | "needs_attention" | "blocked" | null;

describe("coordinator digests", () => {
  const clock = createTestClock("2026-11-30T08:00:00Z");
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  async function partnership(
    title: string,
    programmeId: string,
    members: string[],
    createdAt = at("2026-11-01T10:00:00Z"),
  ) {
    const [row] = await db
      .insert(partnerships)
      .values({ title, programmeId, createdAt, startedAt: createdAt })
      .returning();
    for (const personId of members)
      await db.insert(partnershipMembers).values({ partnershipId: row!.id, personId });
    return row!.id;
  }

  /** One weekly check-in of a partnership, k weeks back, with each member's prompt sent Tuesday 10:00 UTC. */
  async function checkin(partnershipId: string, k: number, prompts: [string, Answer, string?][]) {
    const start = weekStart(k);
    const [row] = await db
      .insert(checkins)
      .values({
        partnershipId,
        periodKey: `W-${k}`,
        periodStart: start,
        periodEnd: new Date(start.getTime() + 7 * DAY),
      })
      .returning();
    for (const [personId, answer, note] of prompts) {
      const sentAt = new Date(start.getTime() + DAY + 10 * 3_600_000);
      await db.insert(checkinPrompts).values({
        checkinId: row!.id,
        personId,
        dueAt: sentAt,
        sentAt,
        status: answer ? "answered" : "sent",
        answer,
        note: note ?? null,
        answeredAt: answer ? new Date(sentAt.getTime() + 2 * 3_600_000) : null,
      });
    }
  }

  const slash = (userId: string, text: string) => collabSlash(t, userId, text);

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [onco] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    const [cardio] = await db.insert(programmes).values({ name: "Cardiology Training" }).returning();
    ids.onco = onco!.id;
    ids.cardio = cardio!.id;
    const slackPerson = async (key: string, name: string) => {
      ids[key] = await seedPerson(db, {
        email: `${key}@uni.org`,
        name,
        slackUserId: `U0${key.toUpperCase().padEnd(7, "0")}`,
      });
    };
    await slackPerson("carol", "Carol Hughes");
    ids.tomas = await seedPerson(db, {
      email: "tomas@hospital.org",
      name: "Tomas Silva",
      timezone: "America/New_York",
      teams: { aadObjectId: tomas.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    ids.bob = await seedPerson(db, {
      email: "bob@hospital.org",
      name: "Bob Okafor",
      teams: { aadObjectId: bob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    for (const [key, name] of [
      ["ana", "Ana Lopez"],
      ["ben", "Ben Carter"],
      ["cleo", "Cleo Ng"],
      ["dev", "Dev Patel"],
      ["eve", "Eve Adams"],
      ["finn", "Finn Roe"],
      ["ivy", "Ivy Chen"],
      ["jon", "Jon Berg"],
      ["zed", "Zed Moyo"],
      ["quinn", "Quinn Hale"],
    ] as const) {
      await slackPerson(key, name);
    }
    ids.gus = await seedPerson(db, { email: "gus@uni.org", name: "Gus Noid" }); // no chat identity at all
    ids.hana = await seedPerson(db, {
      email: "hana@hospital.org",
      name: "Hana Ito",
      teams: { aadObjectId: "aad-hana" },
    });

    const since = at("2026-11-01T00:00:00Z");
    await db.insert(programmeMembers).values([
      {
        programmeId: ids.onco,
        personId: ids.carol!,
        role: "coordinator",
        createdAt: since,
        lastDigestAt: at("2026-11-23T09:00:00Z"),
      },
      {
        programmeId: ids.onco,
        personId: ids.tomas,
        role: "coordinator",
        createdAt: since,
        lastDigestAt: at("2026-11-23T14:00:00Z"),
      },
      {
        programmeId: ids.cardio,
        personId: ids.zed!,
        role: "coordinator",
        createdAt: since,
        lastDigestAt: at("2026-11-23T09:00:00Z"),
      },
      ...["ana", "ben", "cleo", "dev", "eve", "finn", "ivy", "jon", "gus", "hana", "bob"].map((key) => ({
        programmeId: ids.onco!,
        personId: ids[key]!,
        role: "member",
        createdAt: since,
      })),
      { programmeId: ids.cardio, personId: ids.quinn!, role: "member", createdAt: since },
    ]);

    ids.p1 = await partnership("Cohort & Stats", ids.onco, [ids.ana!, ids.ben!]);
    ids.p2 = await partnership("Imaging & ML", ids.onco, [ids.cleo!, ids.dev!]);
    ids.p3 = await partnership("Trials & Nursing", ids.onco, [ids.eve!, ids.finn!]);
    ids.p4 = await partnership("Genomics & Pathology", ids.onco, [ids.ivy!, ids.jon!]);
    ids.p5 = await partnership("Pharmacy & Data", ids.onco, [ids.gus, ids.hana], at("2026-11-26T11:00:00Z"));
    ids.heart = await partnership("Heart Registry", ids.cardio, [ids.quinn!]);

    // This week: 8 prompts, 5 answered. Last week: 8 prompts, 6 answered. Two weeks ago: 2 prompts, 1 answered.
    await checkin(ids.p1, 0, [
      [ids.ana!, "blocked", "Waiting for data access approval"],
      [ids.ben!, null],
    ]);
    await checkin(ids.p2, 0, [
      [ids.cleo!, "on_track"],
      [ids.dev!, "on_track"],
    ]);
    await checkin(ids.p3, 0, [
      [ids.eve!, null],
      [ids.finn!, null],
    ]);
    await checkin(ids.p4, 0, [
      [ids.ivy!, "needs_attention", "Need a statistician for the analysis"],
      [ids.jon!, "on_track"],
    ]);
    await checkin(ids.heart, 0, [[ids.quinn!, "blocked", "Cardiology secret"]]);
    await checkin(ids.p1, 1, [
      [ids.ana!, "on_track"],
      [ids.ben!, "on_track"],
    ]);
    await checkin(ids.p2, 1, [
      [ids.cleo!, "on_track"],
      [ids.dev!, "on_track"],
    ]);
    await checkin(ids.p3, 1, [
      [ids.eve!, null],
      [ids.finn!, null],
    ]);
    await checkin(ids.p4, 1, [
      [ids.ivy!, "on_track"],
      [ids.jon!, "on_track"],
    ]);
    await checkin(ids.p2, 2, [
      [ids.cleo!, "on_track"],
      [ids.dev!, null],
    ]);

    const intro = (
      requester: string,
      candidate: string,
      status: string,
      createdAt: string,
      extra: Partial<typeof intros.$inferInsert> = {},
    ) =>
      db.insert(intros).values({
        requesterId: ids[requester]!,
        candidateId: ids[candidate]!,
        need: "a statistician",
        status,
        createdAt: at(createdAt),
        expiresAt: new Date(at(createdAt).getTime() + 7 * DAY),
        ...extra,
      });
    await intro("ana", "cleo", "pending", "2026-11-24T10:00:00Z");
    await intro("eve", "ivy", "accepted", "2026-11-25T10:00:00Z", {
      respondedAt: at("2026-11-26T10:00:00Z"),
    });
    await intro("ben", "jon", "declined", "2026-11-25T10:00:00Z", {
      respondedAt: at("2026-11-27T10:00:00Z"),
    });
    await intro("finn", "dev", "expired", "2026-11-18T10:00:00Z");
    // A warm-path ask Ivy accepted and passed on to Eve: its onward intro is the intro, the ask is not counted.
    await intro("ana", "ivy", "accepted", "2026-11-25T11:00:00Z", {
      respondedAt: at("2026-11-26T11:00:00Z"),
      targetId: ids.eve!,
    });
    await intro("quinn", "zed", "pending", "2026-11-25T10:00:00Z"); // another programme's

    await db.insert(milestones).values([
      { partnershipId: ids.p2, title: "Ethics approval", achievedAt: at("2026-11-27T10:00:00Z") },
      { partnershipId: ids.p1, title: "First participant", dueOn: "2026-11-20" },
      { partnershipId: ids.p4, title: "Paper submitted", dueOn: "2026-12-15" },
      {
        partnershipId: ids.p2,
        title: "Protocol",
        dueOn: "2026-11-10",
        achievedAt: at("2026-11-09T10:00:00Z"),
      },
      { partnershipId: ids.heart, title: "Registry launch", dueOn: "2026-11-01" },
    ]);
    await db.insert(mentorships).values([
      {
        mentorId: ids.cleo!,
        menteeId: ids.eve!,
        programmeId: ids.onco,
        nextFollowUpAt: at("2026-11-25T09:00:00Z"),
      },
      {
        mentorId: ids.jon!,
        menteeId: ids.finn!,
        programmeId: ids.onco,
        nextFollowUpAt: at("2026-12-10T09:00:00Z"),
      },
    ]);
    const failed = (personId: string, status: string, lastError: string, createdAt: string) => ({
      kind: "checkin.prompt",
      platform: "slack",
      tenantId: "T0FAKE001",
      target: { kind: "user", id: "x" },
      personId,
      message: { summary: "x", blocks: [] },
      status,
      lastError,
      createdAt: at(createdAt),
      nextAttemptAt: at(createdAt),
    });
    await db
      .insert(outbox)
      .values([
        failed(
          ids.hana,
          "unreachable",
          "no Teams conversation yet: ask them to open the Collab app in Teams once, or install it for them",
          "2026-11-25T10:00:00Z",
        ),
        failed(
          ids.ben!,
          "failed",
          "Slack user not found: they may have left the workspace",
          "2026-11-26T10:00:00Z",
        ),
        failed(
          ids.cleo!,
          "failed",
          "Slack user not found: they may have left the workspace",
          "2026-11-10T10:00:00Z",
        ),
        failed(
          ids.quinn!,
          "failed",
          "Slack user not found: they may have left the workspace",
          "2026-11-26T10:00:00Z",
        ),
      ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const digestsTo = {
    carol: () =>
      t.slackApi
        .callsTo("chat.postMessage")
        .filter(
          (c) => c.args.channel === "U0CAROL00" && JSON.stringify(c.args.blocks).includes("Digest: Oncology"),
        ),
    zed: () =>
      t.slackApi
        .callsTo("chat.postMessage")
        .filter(
          (c) =>
            c.args.channel === "U0ZED0000" && JSON.stringify(c.args.blocks).includes("Digest: Cardiology"),
        ),
    tomas: () =>
      t.connector.calls.filter(
        (c) =>
          c.kind !== "update" &&
          c.conversationId === "a:personal-aad-tomas" &&
          JSON.stringify(c.activity).includes("Digest: Oncology"),
      ),
  };

  it("sends each coordinator their digest once, at their own local hour, on Slack and on Teams", async () => {
    const job = t.app.jobs.find((j) => j.name === "digests")!;
    const runAt = async (iso: string, times = 1) => {
      clock.set(iso);
      const results = await Promise.all(Array.from({ length: times }, () => job.run(clock.now())));
      await t.app.delivery.drain();
      return results.reduce((n, r) => n + (r.counts?.sent ?? 0), 0);
    };
    expect(await runAt("2026-11-30T08:45:00Z")).toBe(0);
    expect(await runAt("2026-11-30T09:00:00Z", 2)).toBe(2); // Carol (London) and Zed (London), once each
    expect(digestsTo.carol()).toHaveLength(1);
    expect(digestsTo.zed()).toHaveLength(1);
    expect(digestsTo.tomas()).toHaveLength(0);
    expect(await runAt("2026-11-30T09:15:00Z")).toBe(0);
    expect(await runAt("2026-11-30T13:45:00Z")).toBe(0);
    expect(await runAt("2026-11-30T14:00:00Z")).toBe(1); // 09:00 in New York
    expect(await runAt("2026-11-30T14:15:00Z")).toBe(0);
    expect(await runAt("2026-12-01T09:00:00Z")).toBe(0);
    expect(digestsTo.carol()).toHaveLength(1);
    expect(digestsTo.zed()).toHaveLength(1);
    expect(digestsTo.tomas()).toHaveLength(1);

    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "digest.send"));
    expect(audits).toHaveLength(3);
    const carolAudit = audits.find(
      (a) => (a.details as { coordinatorId: string }).coordinatorId === ids.carol,
    )!;
    expect(carolAudit.subject).toBe(ids.onco);
    expect(carolAudit.details).toMatchObject({
      trigger: "scheduled",
      promptsSent: 8,
      promptsAnswered: 5,
      atRisk: 3,
    });
    expect(JSON.stringify(audits)).not.toMatch(/Carol|Cohort|Oncology/);
  });

  it("has the week's figures, one by one, for that programme only", async () => {
    const [row] = (await outboxOf(db, "digest")).filter((r) => r.personId === ids.carol);
    const message = row!.message as { summary: string };
    const slack = JSON.stringify(parsed(digestsTo.carol()[0]!.args.blocks));
    const text = slack.replace(/\\n/g, "\n").replaceAll("&amp;", "&");
    expect(text).toContain("Digest: Oncology Network");
    expect(text).toContain("Mon 23 November 2026 – Mon 30 November 2026 · 5 active partnerships");
    expect(text).toContain("5 of 8 answered (63%)");
    expect(text).toContain("6 of 8 answered (75%)");
    expect(text).toContain("2 Nov   no data\n9 Nov   ██████████░░░░░░░░░░  50 % answered\n16 Nov");
    expect(text).toContain("Partnerships at risk (3)");
    expect(text).toContain("*Cohort & Stats*: answered Blocked — “Waiting for data access approval”");
    expect(text).toContain(
      "*Genomics & Pathology*: answered Needs attention — “Need a statistician for the analysis”",
    );
    expect(text).toContain("*Trials & Nursing*: last two check-ins unanswered");
    expect(text).not.toContain("Imaging & ML*:");
    expect(text).toContain("3 requested, 1 accepted, 1 declined, 1 expired");
    expect(text).toContain("New partnerships (1)");
    expect(text).toContain("Pharmacy & Data");
    expect(text).toContain("Milestones achieved (1)");
    expect(text).toContain("*Ethics approval* — Imaging & ML");
    expect(text).toContain("Milestones overdue (1)");
    expect(text).toContain("*First participant* — Cohort & Stats, due Fri 20 November 2026");
    expect(text).not.toContain("Paper submitted");
    expect(text).not.toContain("Protocol");
    expect(text).toContain("Mentor follow-ups overdue (1)");
    expect(text).toContain("<@U0CLEO000> with <@U0EVE0000>: follow-up due Wed 25 November 2026");
    expect(text).toContain("Members I cannot reach (3)");
    expect(text).toContain("<@U0BEN0000> (1 undelivered): Slack user not found");
    expect(text).toContain("Gus Noid (Northfield University): no Slack or Teams account linked");
    expect(text).toContain(
      "Hana Ito (Northfield University) (1 undelivered): no Teams conversation with the bot yet",
    );
    for (const other of ["Heart Registry", "Cardiology", "Registry launch", "Quinn", "Cleo Ng (1"]) {
      expect(text).not.toContain(other);
    }
    expect(message.summary).toContain(
      "check-ins 5 of 8 answered (63%), previous period 6 of 8 answered (75%)",
    );
    expect(message.summary).toContain("trend ·····▅▆▅");

    const zed = JSON.stringify(digestsTo.zed()[0]!.args.blocks);
    expect(zed).toContain("Heart Registry");
    expect(zed).not.toContain("Cohort & Stats");

    const teams = JSON.stringify(digestsTo.tomas()[0]!.activity);
    expect(teams).toContain("5 of 8 answered (63%)");
    expect(teams).toContain("▅▆▅");
    expect(teams).toContain("Partnerships at risk (3)");
  });

  it("nudges a partnership's members and pauses a partnership from the buttons, for its coordinator only", async () => {
    clock.set("2026-11-30T10:00:00Z");
    const buttons = slackButtons(parsed(digestsTo.carol()[0]!.args.blocks));
    const nudge = buttons.find((b) => b.text.text === "Nudge members" && b.value?.startsWith(`${ids.p3}@`))!;
    const pause = buttons.find(
      (b) => b.text.text === "Pause partnership" && b.value?.startsWith(`${ids.p1}@`),
    )!;
    expect(nudge).toBeDefined();
    expect(pause).toBeDefined();
    const press = (userId: string, button: { action_id: string; value?: string }) =>
      postInteraction(
        t.baseUrl,
        blockActionsPayload({
          user: { id: userId, name: userId.toLowerCase() },
          actionId: button.action_id,
          value: button.value ?? "",
          responseUrl: t.slackApi.responseUrl(`${userId}-press`),
          container: { channelId: "D0CAROL01", messageTs: "1700000000.000100" },
        }),
      );
    const lastResponse = (id: string) =>
      JSON.stringify(
        t.slackApi
          .callsTo("response_url")
          .filter((c) => c.args._id === id)
          .at(-1)?.args ?? {},
      ).replaceAll("&amp;", "&");

    // Someone who is not its coordinator: refused, nothing enqueued or changed.
    expect((await press("U0ANA0000", nudge)).status).toBe(200);
    await vi.waitFor(() => expect(lastResponse("U0ANA0000-press")).toContain("only the coordinator"));
    await press("U0ZED0000", pause);
    await vi.waitFor(() => expect(lastResponse("U0ZED0000-press")).toContain("only the coordinator"));
    expect(await outboxOf(db, "digest.nudge")).toHaveLength(0);

    await press("U0CAROL00", nudge);
    await vi.waitFor(() =>
      expect(lastResponse("U0CAROL00-press")).toContain("Nudged 2 members of Trials & Nursing"),
    );
    const nudges = await outboxOf(db, "digest.nudge");
    expect(nudges.map((n) => n.personId).sort()).toEqual([ids.eve, ids.finn].sort());
    await press("U0CAROL00", nudge);
    // The digest's Nudge counts once: pressed again, it says what was recorded and when.
    // (the digest's message is replaced in place: chat.update)
    await vi.waitFor(() =>
      expect(JSON.stringify(t.slackApi.callsTo("chat.update").at(-1)?.args ?? {})).toContain(
        "its members were nudged",
      ),
    );
    expect(await outboxOf(db, "digest.nudge")).toHaveLength(2);

    await press("U0CAROL00", pause);
    await vi.waitFor(() => expect(lastResponse("U0CAROL00-press")).toContain("Paused Cohort & Stats"));
    const [p1] = await db.select().from(partnerships).where(eq(partnerships.id, ids.p1!));
    expect(p1!.status).toBe("paused");
    const paused = await db.select().from(auditLog).where(eq(auditLog.action, "partnership.pause"));
    expect(paused).toEqual([
      expect.objectContaining({ actor: ids.carol, subject: ids.p1, platform: "slack" }),
    ]);

    // From Teams: Tomas opens the full at-risk list with Show all (built like the digest's own button).
    const card = cardOf(digestsTo.tomas()[0]!.activity);
    const actions = submitActions(card);
    expect(actions.filter((a) => a.title === "Nudge members")).toHaveLength(3);
    const before = t.connector.calls.length;
    const tomasNudge = actions.find(
      (a) => a.title === "Nudge members" && a.data.value?.startsWith(`${ids.p4}@`),
    )!;
    await postActivity(t.baseUrl, teamsSubmit(t.connector.serviceUrl, tomas, tomasNudge.data));
    expect(JSON.stringify(t.connector.calls.slice(before))).toContain(
      "Nudged 2 members of Genomics & Pathology",
    );
    const showAll = `${ids.onco}|at-risk|${at("2026-11-23T14:00:00Z").getTime()}|${at("2026-11-30T14:00:00Z").getTime()}`;
    const beforeList = t.connector.calls.length;
    await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, tomas, { actionId: "digest.all", value: showAll }),
    );
    const list = JSON.stringify(t.connector.calls.slice(beforeList));
    expect(list).toContain("Partnerships at risk: Oncology Network (2)"); // Cohort & Stats was paused above
    expect(list).toContain("Trials & Nursing");
    const afterNudge = t.connector.calls.length;
    await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, bob, { actionId: "digest.all", value: showAll }),
    );
    const refused = JSON.stringify(t.connector.calls.slice(afterNudge));
    expect(refused).toContain("only for programme coordinators");
    expect(refused).not.toContain("Cohort");
  });

  it("answers `digest` for coordinators and refuses everyone else without a word about any programme", async () => {
    clock.set("2026-11-30T10:00:00Z");
    const carol = await slash("U0CAROL00", "digest");
    const text = JSON.stringify(carol.json);
    expect(text).toContain("Digest: Oncology Network");
    expect(text).toContain("5 of 8 answered (63%)");
    const onDemand = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "digest.send"), eq(auditLog.actor, ids.carol!)));
    expect(onDemand).toHaveLength(1);
    expect(onDemand[0]!.details).toMatchObject({ trigger: "on-demand", promptsSent: 8 });

    for (const asked of ["digest", "digest Oncology Network", "digest settings"]) {
      const refused = JSON.stringify((await slash("U0ANA0000", asked)).json);
      expect(refused).toContain(NOT_A_COORDINATOR.slice(0, 40));
      expect(refused).not.toMatch(/Oncology|Cohort|Cardiology/);
    }
    const zed = JSON.stringify((await slash("U0ZED0000", "digest Oncology Network")).json);
    expect(zed).toContain("don't coordinate a programme by that name");
    expect(zed).not.toContain("Cohort");

    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, bob, "digest");
    const teams = JSON.stringify(t.connector.calls.slice(before));
    expect(teams).toContain("only for programme coordinators");
    expect(teams).not.toMatch(/Oncology|Cohort/);
    const denied = await db.select().from(auditLog).where(eq(auditLog.action, "digest.send"));
    expect(denied).toHaveLength(4);
  });

  it("lets a coordinator choose the day and hour with `digest settings`", async () => {
    await slash("U0CAROL00", "digest settings");
    const opened = await lastOpenedView(t);
    const view = parsed(opened.args.view) as ModalView;
    // Saturday, or three in the morning, is refused in the form: digests are work and come in working time.
    const weekend = await postInteraction(
      t.baseUrl,
      viewSubmissionPayload({
        user: { id: "U0CAROL00", name: "carol" },
        view,
        values: { weekday: "6", hour: "3" },
      }),
    );
    expect(weekend.json).toMatchObject({
      response_action: "errors",
      errors: {
        weekday: "Digests come on working days: choose Monday to Friday.",
        hour: expect.stringContaining("Choose an hour of the working day"),
      },
    });
    const response = await postInteraction(
      t.baseUrl,
      viewSubmissionPayload({
        user: { id: "U0CAROL00", name: "carol" },
        view,
        values: { weekday: "3", hour: "8" },
      }),
    );
    expect(response.status).toBe(200);
    const [row] = await db
      .select()
      .from(programmeMembers)
      .where(and(eq(programmeMembers.personId, ids.carol!), eq(programmeMembers.role, "coordinator")));
    expect([row!.digestWeekday, row!.digestHour]).toEqual([3, 8]);
  });
});
