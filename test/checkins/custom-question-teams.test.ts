// A custom check-in question set from Teams: a coordinator on Teams fills the question card (a real botbuilder
// activity), the next prompt on Teams asks it with its choices, the answer keeps its mapped state, and the digest
// counts it.

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { checkinQuestions, outbox, programmeMembers, programmes } from "../../src/db/schema.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import { cardOf, submitActions, teamsSay, teamsSubmit } from "../helpers/collab.ts";
import { promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { seedBobOnTeams, seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import { postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const MINUTE = 60_000;

describe("a custom check-in question set and answered on Teams", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};
  const botSends = () => t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    ids.onco = programme!.id;
    ids.cora = await seedCora(db);
    ids.ana = await seedPerson(db, {
      email: "ana@uni.org",
      name: "Ana",
      slackUserId: "U0ANA0001",
      timezone: "Europe/London",
    });
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    await db.insert(programmeMembers).values([
      // Bob coordinates the programme from Teams and is a member of its partnership.
      {
        programmeId: ids.onco,
        personId: ids.bob,
        role: "coordinator",
        lastDigestAt: new Date("2026-11-23T09:00:00Z"),
      },
      { programmeId: ids.onco, personId: ids.ana, role: "member" },
    ]);
    ids.cohort = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.ana, ids.bob],
      programmeId: ids.onco,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is set by a coordinator on Teams through the question card", async () => {
    const before = botSends().length;
    expect(
      (await teamsSay(t.baseUrl, t.connector.serviceUrl, teamsUserBob, "question Oncology Network")).status,
    ).toBe(200);
    const form = await vi.waitFor(() => {
      const sent = botSends().slice(before).at(-1);
      if (!sent) throw new Error("no card yet");
      return cardOf(sent.activity);
    });
    expect(JSON.stringify(form)).toContain("Input.ChoiceSet");
    const [save] = submitActions(form);
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, teamsUserBob, {
        ...save!.data,
        question: "Are the samples on schedule?",
        "choice-1": "Samples in",
        "state-1": "on_track",
        "choice-2": "Waiting on data",
        "state-2": "needs_attention",
        "choice-3": "Stuck",
        "state-3": "blocked",
        "free-text-question": "What is the next step?",
      }),
    );
    expect(response.status).toBe(200);
    const saved = await vi.waitFor(async () => {
      const [row] = await db
        .select()
        .from(checkinQuestions)
        .where(eq(checkinQuestions.programmeId, ids.onco!));
      if (!row) throw new Error("not saved yet");
      return row;
    });
    expect(saved).toMatchObject({
      question: "Are the samples on schedule?",
      freeTextQuestion: "What is the next step?",
      choices: [
        { label: "Samples in", state: "on_track" },
        { label: "Waiting on data", state: "needs_attention" },
        { label: "Stuck", state: "blocked" },
      ],
    });
  });

  it("is what the next Teams prompt asks; a press is recorded with its mapped state", async () => {
    for (
      let at = Date.parse("2026-11-23T12:00:00Z");
      at <= Date.parse("2026-11-24T12:00:00Z");
      at += 15 * MINUTE
    ) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(t.app.jobs.find((j) => j.name === "checkins")!, new Date(at));
    }
    await deliverAll(t, clock);
    const [bobPrompt] = await promptOf(db, ids.bob!);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, bobPrompt!.outboxId!));
    // The prompt: the card whose buttons are the custom choices (the question form shows the question too).
    const prompt = botSends().find((c) =>
      submitActions(cardOf(c.activity)).some((a) => a.title === "Samples in"),
    )!;
    const card = cardOf(prompt.activity);
    expect(JSON.stringify(card)).toContain("Cohort study");
    expect(JSON.stringify(card)).toContain("Are the samples on schedule?");
    expect(JSON.stringify(card)).not.toContain("How is Cohort study going?");
    expect(JSON.stringify(card)).toContain("What is the next step? (optional)");
    const buttons = submitActions(card);
    expect(buttons.map((a) => a.title)).toEqual(["Samples in", "Waiting on data", "Stuck"]);
    const waiting = buttons.find((a) => a.title === "Waiting on data")!;
    const before = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(
        t.connector.serviceUrl,
        teamsUserBob,
        { ...waiting.data, "checkin-note": "waiting for the data access agreement" },
        row!.platformMessageId!,
      ),
    );
    expect(response.status).toBe(200);
    const update = t.connector.calls.slice(before).find((c) => c.kind === "update");
    expect(JSON.stringify(update?.activity)).toContain(
      "Recorded: Waiting on data (needs attention) — thank you",
    );
    const [bob] = await promptOf(db, ids.bob!);
    expect(bob).toMatchObject({ status: "answered", answer: "needs_attention", choice: "Waiting on data" });
  });

  it("is counted by its mapped state in the digest", async () => {
    clock.set("2026-11-30T09:00:00Z");
    const result = await t.app.jobs.find((j) => j.name === "digests")!.run(clock.now());
    expect(result.counts?.sent).toBe(1);
    await deliverAll(t, clock);
    const digest = botSends().find((c) => JSON.stringify(c.activity).includes("Digest:"))!;
    const body = JSON.stringify(cardOf(digest.activity));
    expect(body).toContain("1 of 2 answered (50%)");
    expect(body).toContain("Partnerships at risk (1)");
    expect(body).toMatch(/Cohort study[^"]*answered Needs attention/);
  });
});
