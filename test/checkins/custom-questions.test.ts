// Custom check-in questions through the real SDKs: a coordinator sets one in a Slack modal, members answer it on
// Slack and Teams, the answers keep the choice and its mapped state, and the digest counts the states.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { slackActor } from "../../src/bots/slack/actor.ts";
import { REFUSALS } from "../../src/core/access/access.ts";
import type { Db } from "../../src/db/client.ts";
import {
  auditLog,
  checkinPrompts,
  checkinQuestions,
  checkins,
  outbox,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { createTestClock, deliverAll, startClockedApp, viewSubmission } from "../helpers/clocked-app.ts";
import {
  blockActionsPayload,
  cardOf,
  collabSlash,
  postInteraction,
  slackButtons,
  slashAnswer,
  submitActions,
  teamsSubmit,
} from "../helpers/collab.ts";
import { promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { lastOpenedView, seedBobOnTeams, seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const MINUTE = 60_000;
const slowMachine = { timeout: 15_000, interval: 20 };
const parsed = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

type Values = Parameters<typeof viewSubmission>[0]["values"];
const text = (value: string) => ({ type: "plain_text_input", value });
const select = (value: string) => ({ type: "static_select", selected_option: { value } });

/** The form as a coordinator fills it: the question, three choices with their states, a free-text question. */
function questionValues(overrides: Partial<Record<string, string>> = {}): Values {
  const v = {
    question: "Are the samples on schedule?",
    "choice-1": "Samples in",
    "state-1": "on_track",
    "choice-2": "Waiting on data",
    "state-2": "needs_attention",
    "choice-3": "Stuck",
    "state-3": "blocked",
    "free-text-question": "What is the next step?",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(v).map(([id, value]) => [id, id.startsWith("state") ? select(value!) : text(value!)]),
  );
}

describe("a coordinator's own check-in question, answered on Slack and Teams", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};
  let view: { callback_id: string; private_metadata: string };

  const submit = (values: Values) =>
    postInteraction(
      t.baseUrl,
      viewSubmission({
        userId: "U0CORA001",
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values,
      }),
    );

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    const [other] = await db.insert(programmes).values({ name: "Cardiology Network" }).returning();
    ids.onco = programme!.id;
    ids.cardio = other!.id;
    ids.cora = await seedCora(db);
    ids.ana = await seedPerson(db, {
      email: "ana@uni.org",
      name: "Ana",
      slackUserId: "U0ANA0001",
      timezone: "Europe/London",
    });
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    await db.insert(programmeMembers).values([
      {
        programmeId: ids.onco,
        personId: ids.cora,
        role: "coordinator",
        lastDigestAt: new Date("2026-11-23T09:00:00Z"),
      },
      { programmeId: ids.onco, personId: ids.ana, role: "member" },
      { programmeId: ids.onco, personId: ids.bob, role: "member" },
    ]);
    ids.cohort = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.ana, ids.bob],
      programmeId: ids.onco,
    });
    ids.heart = await seedPartnership(db, { title: "Heart study", members: [], programmeId: ids.cardio });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses members and names no programme", async () => {
    const response = await collabSlash(t, "U0ANA0001", "question Oncology Network");
    const answer = await slashAnswer(t.slackApi, response.json as { text: string }, "U0ANA0001");
    expect(answer).toContain(REFUSALS.coordinator);
    expect(answer).not.toContain("Oncology");
    expect(t.slackApi.callsTo("views.open")).toHaveLength(0);
  });

  it("opens a form for the programme; refuses a long choice and patient data beside the field; saves and audits", async () => {
    await collabSlash(t, "U0CORA001", "question Oncology Network");
    const call = await lastOpenedView(t);
    view = JSON.parse(String(call.args.view)) as typeof view;
    expect(view.callback_id).toBe("checkin.question");
    // The standard choices are there to edit, each with what it counts as.
    expect(String(call.args.view)).toContain("Oncology Network (every partnership)");
    expect(String(call.args.view)).toContain("Needs attention");

    const long = await submit(questionValues({ "choice-2": "x".repeat(76) }));
    expect(long.json).toMatchObject({ response_action: "errors" });
    expect(JSON.stringify(long.json)).toContain("75 characters");
    const identifier = await submit(questionValues({ question: "Has patient MRN 12345678 been seen?" }));
    expect(identifier.json).toMatchObject({
      response_action: "errors",
      errors: { question: expect.any(String) },
    });
    const one = await submit(questionValues({ "choice-2": "", "choice-3": "" }));
    expect(JSON.stringify(one.json)).toContain("at least 2 answer choices");
    expect(await db.select().from(checkinQuestions)).toEqual([]);

    const saved = await submit(questionValues());
    expect(saved.status).toBe(200);
    await vi.waitFor(
      async () => expect(await db.select().from(checkinQuestions)).toHaveLength(1),
      slowMachine,
    );
    const [row] = await db.select().from(checkinQuestions);
    expect(row).toMatchObject({
      programmeId: ids.onco,
      partnershipId: null,
      question: "Are the samples on schedule?",
      freeTextQuestion: "What is the next step?",
      choices: [
        { label: "Samples in", state: "on_track" },
        { label: "Waiting on data", state: "needs_attention" },
        { label: "Stuck", state: "blocked" },
      ],
    });
    // The same form sent again adds nothing.
    await submit(questionValues());
    expect(await db.select().from(checkinQuestions)).toHaveLength(1);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "checkin.question.set"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: ids.cora, platform: "slack", subject: `programme:${ids.onco}` });
    expect(JSON.stringify(audits[0]!.details)).not.toContain("samples");
  });

  it("refuses a form naming a programme the coordinator does not coordinate", async () => {
    const forged = await postInteraction(
      t.baseUrl,
      viewSubmission({
        userId: "U0CORA001",
        callbackId: "checkin.question",
        privateMetadata: `programme:${ids.cardio}`,
        values: questionValues({ question: "Forged?" }),
      }),
    );
    expect(JSON.stringify(forged.json)).toContain(
      "You don't coordinate a programme or partnership by that name",
    );
    expect(JSON.stringify(forged.json)).not.toContain("Cardiology");
    const rows = await db
      .select()
      .from(checkinQuestions)
      .where(eq(checkinQuestions.programmeId, ids.cardio!));
    expect(rows).toEqual([]);
  });

  it("asks the custom question with its choices on Slack and Teams", async () => {
    for (
      let at = Date.parse("2026-11-23T12:00:00Z");
      at <= Date.parse("2026-11-24T12:00:00Z");
      at += 15 * MINUTE
    ) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(t.app.jobs.find((j) => j.name === "checkins")!, new Date(at));
    }
    await deliverAll(t, clock);
    const post = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === "U0ANA0001")!;
    expect(String(post.args.text)).toBe("Cohort study: Are the samples on schedule?");
    expect(slackButtons(parsed(post.args.blocks)).map((b) => b.text.text)).toEqual([
      "Samples in",
      "Waiting on data",
      "Stuck",
    ]);
    expect(JSON.stringify(post.args.blocks)).toContain("What is the next step?");

    const sent = t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");
    const card = cardOf(sent.at(-1)!.activity);
    expect(submitActions(card).map((a) => a.title)).toEqual(["Samples in", "Waiting on data", "Stuck"]);
    expect(JSON.stringify(card)).toContain("What is the next step? (optional)");
  });

  it("stores a Slack click as the choice and its state, and asks the free-text question after it", async () => {
    clock.set("2026-11-24T15:00:00Z");
    const post = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === "U0ANA0001")!;
    const button = slackButtons(parsed(post.args.blocks)).find((b) => b.text.text === "Waiting on data")!;
    const [anaPrompt] = await promptOf(db, ids.ana!);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, anaPrompt!.outboxId!));
    const modalsBefore = t.slackApi.callsTo("views.open").length;
    await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user: { id: "U0ANA0001", name: "ana" },
        actionId: button.action_id,
        value: button.value!,
        responseUrl: t.slackApi.responseUrl("ana-click"),
        container: { channelId: row!.platformChannelId!, messageTs: row!.platformMessageId! },
      }),
    );
    const update = await vi.waitFor(() => {
      const call = t.slackApi.callsTo("chat.update").at(-1);
      if (!call) throw new Error("waiting for the update");
      return call;
    }, slowMachine);
    expect(String(update.args.text)).toBe("Recorded: Waiting on data (needs attention) — thank you");
    const [ana] = await promptOf(db, ids.ana!);
    expect(ana).toMatchObject({ status: "answered", answer: "needs_attention", choice: "Waiting on data" });
    expect(ana!.questionId).toEqual(expect.any(Number));
    const modal = await vi.waitFor(() => {
      const call = t.slackApi.callsTo("views.open")[modalsBefore];
      if (!call) throw new Error("waiting for the note modal");
      return call;
    }, slowMachine);
    expect(String(modal.args.view)).toContain("What is the next step?");
  });

  it("stores a Teams click with its free-text answer, and a second click counts once", async () => {
    const sent = t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");
    const prompt = sent.at(-1)!;
    const stuck = submitActions(cardOf(prompt.activity)).find((a) => a.title === "Stuck")!;
    const [bobPrompt] = await promptOf(db, ids.bob!);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, bobPrompt!.outboxId!));
    const press = () =>
      postActivity(
        t.baseUrl,
        teamsSubmit(
          t.connector.serviceUrl,
          teamsUserBob,
          { ...stuck.data, "checkin-note": "Ethics committee meets in January" },
          row!.platformMessageId!,
        ),
      );
    const before = t.connector.calls.length;
    expect((await press()).status).toBe(200);
    expect((await press()).status).toBe(200);
    const updates = t.connector.calls.slice(before).filter((c) => c.kind === "update");
    expect(JSON.stringify(updates[0]!.activity)).toContain("Recorded: Stuck (blocked) — thank you");
    expect(JSON.stringify(updates[1]!.activity)).toContain("you answered “Stuck”");
    const [bob] = await promptOf(db, ids.bob!);
    expect(bob).toMatchObject({
      status: "answered",
      answer: "blocked",
      choice: "Stuck",
      note: "Ethics committee meets in January",
    });
  });

  it("refuses a button naming another programme's question, recording nothing", async () => {
    const [other] = await db
      .insert(checkinQuestions)
      .values({
        programmeId: ids.cardio,
        question: "Elsewhere?",
        choices: [
          { label: "Fine", state: "on_track" },
          { label: "Bad", state: "blocked" },
        ],
      })
      .returning();
    // A prompt of its own (Ana's first answer holds the press ledger for hers), in a later period.
    const [later] = await db
      .insert(checkins)
      .values({
        partnershipId: ids.cohort!,
        periodKey: "2026-W50",
        periodStart: new Date("2026-12-07T00:00:00Z"),
        periodEnd: new Date("2026-12-14T00:00:00Z"),
      })
      .returning();
    await db.insert(checkinPrompts).values({
      checkinId: later!.id,
      personId: ids.ana!,
      dueAt: new Date("2026-12-08T10:00:00Z"),
      status: "sent",
    });
    const reply = await t.app.core.handleAction({
      actor: slackActor(FAKE_TEAM_ID, "U0ANA0001"),
      actionId: "checkin.answer",
      value: `${later!.id}:on_track:q${other!.id}.0`,
    });
    expect(JSON.stringify(reply)).toContain("That button no longer works");
    expect((await promptOf(db, ids.ana!, later!.id))[0]).toMatchObject({ answer: null, choice: null });
    await db.delete(checkins).where(eq(checkins.id, later!.id));
  });

  it("counts the answers in the digest by their mapped states", async () => {
    clock.set("2026-11-30T09:00:00Z");
    const result = await t.app.jobs.find((j) => j.name === "digests")!.run(clock.now());
    expect(result.counts?.sent).toBe(1);
    await deliverAll(t, clock);
    const digest = t.slackApi
      .callsTo("chat.postMessage")
      .find((c) => c.args.channel === "U0CORA001" && JSON.stringify(c.args.blocks).includes("Digest:"))!;
    const body = JSON.stringify(parsed(digest.args.blocks)).replace(/\\n/g, "\n");
    expect(body).toContain("2 of 2 answered (100%)");
    expect(body).toContain("Partnerships at risk (1)");
    expect(body).toContain("*Cohort study*: answered Blocked"); // "Stuck" counts as blocked
  });
});
