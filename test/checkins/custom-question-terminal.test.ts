// A custom check-in question set in the terminal chat by the demo's coordinator: the next prompt in the terminal
// shows the question, its choices as numbers and the free-text question; the answer keeps its mapped state and the
// digest counts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkinPrompts, checkinQuestions } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { openChat } from "../helpers/console-chat.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const HELEN = "helen.ward@northfield.example";
const AMARA = "amara.nwosu@riverside.example";

describe("a custom check-in question in the terminal chat", () => {
  let database: TestDatabase;
  let checkinNow: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const demo = await runWith(database, ["demo"]);
    expect(demo.code).toBe(0);
    checkinNow = /jobs run checkins --now (\S+)/.exec(demo.stdout)?.[1] ?? "";
    expect(checkinNow).not.toBe("");
  });
  afterAll(async () => {
    await database.close();
  });

  it("is set by the coordinator through the form, asked field by field", async () => {
    const chat = openChat(database, HELEN);
    await chat.waitFor("`quit` to leave.");
    chat.type("question Northfield Cancer Partnership");
    const fill = async (label: string | RegExp, line: string) => {
      await chat.waitFor(label);
      chat.type(line);
    };
    await fill("Question", "Are the samples on schedule?");
    await fill("Answer 1", "Samples in");
    const state1 = await chat.waitFor(/\d+\) counts as blocked/);
    chat.type(/(\d+)\) counts as on track/.exec(state1)![1]!);
    await fill("Answer 2", "Waiting on data");
    const state2 = await chat.waitFor(/\d+\) counts as blocked/);
    chat.type(/(\d+)\) counts as needs attention/.exec(state2)![1]!);
    await fill("Answer 3", "Stuck");
    const state3 = await chat.waitFor(/\d+\) counts as blocked/);
    chat.type(/(\d+)\) counts as blocked/.exec(state3)![1]!);
    await fill("Free-text question (optional)", "What is the next step?");
    await chat.waitFor(/saved|set/i);
    expect((await chat.close()).code).toBe(0);
    const [saved] = await database.db.select().from(checkinQuestions);
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

  it("is what the next prompt asks, with numbered choices and the free-text question; the answer keeps its state", async () => {
    const chat = openChat(database, AMARA);
    await chat.waitFor("`quit` to leave.");
    chat.type(`jobs run checkins --now ${checkinNow}`);
    const prompt = await chat.waitFor(/\[\d+\] Stuck/);
    expect(prompt).toContain(
      "--- new message ---\nAmara Nwosu & Tomás Silva: survival after immunotherapy: Are the samples on schedule?",
    );
    const choices = [...prompt.matchAll(/\[(\d+)\] ([^\n[]+?)\s*(?=\[|\n|$)/g)].map((m) => m[2]);
    expect(choices).toEqual(expect.arrayContaining(["Samples in", "Waiting on data", "Stuck"]));
    expect(prompt).not.toMatch(/On track|Needs attention/);
    expect(prompt).toContain("What is the next step? (optional): (asked when you press a button below)");
    expect(prompt).toMatch(/\[1\] Samples in\n\[2\] Waiting on data\n\[3\] Stuck/);
    chat.type(/\[(\d+)\] Waiting on data/.exec(prompt)![1]!);
    await chat.waitFor("What is the next step?");
    chat.type("waiting for the data access agreement");
    const recorded = await chat.waitFor(/Recorded: [^\n]+/);
    expect(recorded).toContain("Recorded: Waiting on data (needs attention)");
    expect((await chat.close()).code).toBe(0);
    const answered = (await database.db.select().from(checkinPrompts)).filter((p) => p.status === "answered");
    expect(answered).toEqual([
      expect.objectContaining({
        answer: "needs_attention",
        choice: "Waiting on data",
        note: "waiting for the data access agreement",
      }),
    ]);
  });

  it("is counted by its mapped state in the coordinator's digest", async () => {
    // The Monday after the check-in, when Helen's weekly digest is due (09:00 London).
    const monday = new Date(Date.parse(checkinNow) + 6 * 86_400_000).toISOString().slice(0, 10);
    const chat = openChat(database, HELEN);
    await chat.waitFor("`quit` to leave.");
    chat.type(`jobs run digests --now ${monday}T09:05:00Z`);
    const digest = await chat.waitFor(/Partnerships at risk \(\d+\)\n[^\n]+\n/);
    expect(digest).toContain("Check-in responses: 1 of 2 answered (50%)");
    expect(digest).toMatch(
      /Partnerships at risk \(1\)\n[^\n]*survival after immunotherapy[^\n]*Needs attention/,
    );
    await chat.close();
  });
});
