// Check-ins end to end through the real SDKs: prompts at each member's local 10:00, one-click answers in place, one reminder.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { checkinPrompts, checkins, outbox, people } from "../../src/db/schema.ts";
import { runWith } from "../helpers/cli.ts";
import { createTestClock, deliverAll, startClockedApp, viewSubmission } from "../helpers/clocked-app.ts";
import {
  blockActionsPayload,
  cardOf,
  outboxOf,
  postInteraction,
  slackButtons,
  submitActions,
  teamsSubmit,
} from "../helpers/collab.ts";
import { outboxRow, promptOf, seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import { postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const MINUTE = 60_000;
/** Bolt acks first and answers after; on a busy machine that can take a few seconds. */
const slowMachine = { timeout: 15_000, interval: 20 };
const blocksOf = (args: Record<string, unknown>): unknown =>
  typeof args.blocks === "string" ? JSON.parse(args.blocks) : args.blocks;

describe("check-ins across Slack and Teams, in each member's own time", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const job = (name: string) => t.app.jobs.find((j) => j.name === name)!;
  /** Ticks a job through the scheduler every `stepMinutes` from `from` to `to` (inclusive), as cron would. */
  const tickEvery = async (name: string, from: string, to: string, stepMinutes: number) => {
    for (let at = Date.parse(from); at <= Date.parse(to); at += stepMinutes * MINUTE) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(job(name), new Date(at));
    }
  };
  /** When each of the person's prompts (or reminders) was enqueued, as the prompt rows record it. */
  const enqueuedAt = async (kind: "prompt" | "reminder", personId: string) =>
    (await promptOf(db, personId))
      .map((p) => (kind === "prompt" ? p.sentAt : p.remindedAt))
      .filter((at): at is Date => at !== null)
      .map((at) => at.toISOString());

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    ids.alice = await seedPerson(db, {
      email: "alice@northfield.ac.uk",
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
    ids.dan = await seedPerson(db, { email: "dan@nowhere.org", name: "Dan Roe", timezone: "UTC" });
    ids.erin = await seedPerson(db, { email: "erin@northfield.ac.uk", slackUserId: "U0ERIN001" });
    await db
      .update(people)
      .set({ pausedUntil: new Date("2027-01-01T00:00:00Z") })
      .where(eq(people.id, ids.erin));
    ids.cohort = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.alice, ids.bob, ids.carol, ids.dan, ids.erin],
    });
    ids.dormant = await seedPartnership(db, {
      title: "Dormant project",
      members: [ids.alice, ids.carol],
      status: "paused",
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends each member their prompt at 10:00 on Tuesday in their own zone, once, and none to paused ones", async () => {
    await tickEvery("checkins", "2026-11-23T12:00:00Z", "2026-11-24T23:45:00Z", 15);
    await deliverAll(t, clock);

    expect(await enqueuedAt("prompt", ids.bob!)).toEqual(["2026-11-24T09:00:00.000Z"]); // 10:00 Berlin
    expect(await enqueuedAt("prompt", ids.carol!)).toEqual(["2026-11-24T10:00:00.000Z"]); // 10:00 London
    expect(await enqueuedAt("prompt", ids.alice!)).toEqual(["2026-11-24T15:00:00.000Z"]); // 10:00 New York
    expect(await enqueuedAt("prompt", ids.erin!)).toEqual([]); // paused
    const planned = await db.select().from(checkins);
    expect(planned.map((c) => c.partnershipId)).toEqual([ids.cohort]); // the paused partnership gets none

    // Slack: buttons only (the note comes in a modal after the click).
    const slackPosts = t.slackApi.callsTo("chat.postMessage");
    expect(slackPosts.map((c) => c.args.channel).sort()).toEqual(["U0ALICE01", "U0CAROL01"]);
    const aliceBlocks = blocksOf(slackPosts.find((c) => c.args.channel === "U0ALICE01")!.args);
    expect(String(slackPosts[0]!.args.text)).toBe("How is Cohort study going?");
    expect(slackButtons(aliceBlocks).map((b) => b.text.text)).toEqual([
      "On track",
      "Needs attention",
      "Blocked",
    ]);
    expect(JSON.stringify(aliceBlocks)).not.toContain('"input"');

    // Teams: the card carries the optional note input beside the three buttons.
    const sent = t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${teamsUserBob.aadObjectId}`);
    const card = JSON.stringify(cardOf(sent[0]!.activity));
    expect(card).toContain('"Input.Text"');
    expect(card).toContain("checkin-note");
    expect(submitActions(cardOf(sent[0]!.activity)).map((a) => a.title)).toEqual([
      "On track",
      "Needs attention",
      "Blocked",
    ]);

    // Dan has no chat account: his prompt says so, and the outbox row holds the reason for the digest.
    const [dan] = await promptOf(db, ids.dan!);
    expect(dan!.status).toBe("unreachable");
    expect((await outboxRow(db, dan!.outboxId!)).lastError).toContain("no Slack or Teams account");
    for (const who of ["alice", "bob", "carol"]) {
      const [prompt] = await promptOf(db, ids[who]!);
      expect(prompt!.status).toBe("sent");
      expect((await outboxRow(db, prompt!.outboxId!)).status).toBe("sent");
    }
  });

  it("records a Slack answer in one click, replaces the prompt in place and offers a note in a modal", async () => {
    clock.set("2026-11-24T15:10:00Z");
    const [prompt] = await promptOf(db, ids.alice!);
    const row = await outboxRow(db, prompt!.outboxId!);
    const post = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === "U0ALICE01")!;
    const onTrack = slackButtons(blocksOf(post.args)).find((b) => b.text.text === "On track")!;
    const click = () =>
      postInteraction(
        t.baseUrl,
        blockActionsPayload({
          user: { id: "U0ALICE01", name: "alice" },
          actionId: onTrack.action_id,
          value: onTrack.value!,
          responseUrl: t.slackApi.responseUrl("alice-click"),
          container: { channelId: row.platformChannelId!, messageTs: row.platformMessageId! },
        }),
      );
    // A double click: two requests at once.
    const responses = await Promise.all([click(), click()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const updates = await vi.waitFor(() => {
      const calls = t.slackApi.callsTo("chat.update");
      if (calls.length < 2) throw new Error("waiting for both updates");
      return calls;
    }, slowMachine);
    for (const update of updates) {
      expect(update.args.channel).toBe(row.platformChannelId);
      expect(update.args.ts).toBe(row.platformMessageId);
    }
    const texts = updates.map((u) => String(u.args.text)).sort();
    expect(texts[0]).toBe("Recorded: on track — thank you");
    // The second click finds the first in the press ledger: it is told what was recorded, and when.
    expect(texts[1]).toContain("Recorded: you answered “On track”");
    expect(JSON.stringify(updates.map((u) => u.args.blocks))).toContain("Recorded on ");
    // One modal, for the one click that recorded the answer.
    const modals = t.slackApi.callsTo("views.open");
    expect(modals).toHaveLength(1);
    const view = JSON.parse(String(modals[0]!.args.view)) as {
      callback_id: string;
      private_metadata: string;
    };
    expect(view.callback_id).toBe("checkin.note");

    const [answered] = await promptOf(db, ids.alice!);
    expect(answered).toMatchObject({ status: "answered", answer: "on_track", note: null });
    expect(answered!.answeredAt?.toISOString()).toBe("2026-11-24T15:10:00.000Z");

    // The note: the patient-data guard refuses an identifier and keeps the modal open; a plain note is saved.
    const submit = (note: string) =>
      postInteraction(
        t.baseUrl,
        viewSubmission({
          userId: "U0ALICE01",
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { "checkin-note": { type: "plain_text_input", value: note } },
        }),
      );
    const refused = await submit("Patient MRN 12345678 dropped out");
    expect(refused.json).toMatchObject({ response_action: "errors" });
    expect((await promptOf(db, ids.alice!))[0]!.note).toBeNull();
    const saved = await submit("Waiting for the data sharing agreement");
    expect(saved.status).toBe(200);
    expect(saved.json).toBeUndefined();
    expect((await promptOf(db, ids.alice!))[0]!.note).toBe("Waiting for the data sharing agreement");
  });

  it("reminds each non-responder once, on their next working morning, and never again for that prompt", async () => {
    await tickEvery("reminders", "2026-11-24T16:00:00Z", "2026-11-27T23:45:00Z", 15);
    await deliverAll(t, clock);
    // Sent Tuesday 10:00 local; 24 hours later is Wednesday 10:00, so Thursday 09:00 local.
    expect(await enqueuedAt("reminder", ids.bob!)).toEqual(["2026-11-26T08:00:00.000Z"]);
    expect(await enqueuedAt("reminder", ids.carol!)).toEqual(["2026-11-26T09:00:00.000Z"]);
    expect(await enqueuedAt("reminder", ids.alice!)).toEqual([]); // answered
    expect(await enqueuedAt("reminder", ids.dan!)).toEqual([]); // unreachable
    const reminders = await outboxOf(db, "checkin.reminder");
    expect(reminders.map((r) => r.status)).toEqual(["sent", "sent"]);
    const [carolPrompt] = await promptOf(db, ids.carol!);
    expect(carolPrompt!.remindedAt?.toISOString()).toBe("2026-11-26T09:00:00.000Z");
  });

  it("records a Teams answer with its note from the card and updates the card in place", async () => {
    clock.set("2026-11-27T10:00:00Z");
    const reminder = (await outboxOf(db, "checkin.reminder")).find((r) => r.personId === ids.bob)!;
    const sent = t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");
    const card = cardOf(sent.at(-1)!.activity);
    expect(JSON.stringify(card)).toContain("A gentle reminder");
    const attention = submitActions(card).find((a) => a.title === "Needs attention")!;
    const submit = (note = "Ethics approval is taking longer") =>
      postActivity(
        t.baseUrl,
        teamsSubmit(
          t.connector.serviceUrl,
          teamsUserBob,
          { ...attention.data, "checkin-note": note },
          reminder.platformMessageId!,
        ),
      );
    // A refused note leaves the card as it was, with what was typed, and says why beside it: nothing recorded.
    const beforeRefusal = t.connector.calls.length;
    expect((await submit("NHS number 401 023 2137 withdrew")).status).toBe(200);
    const refusal = t.connector.calls.slice(beforeRefusal);
    expect(refusal.filter((c) => c.kind === "update")).toEqual([]);
    expect(JSON.stringify(refusal.map((c) => c.activity))).toContain("Please check the form.");
    expect(JSON.stringify(refusal.map((c) => c.activity))).toContain("Nothing was recorded yet.");
    expect((await promptOf(db, ids.bob!))[0]).toMatchObject({ answer: null, note: null });
    const before = t.connector.calls.length;
    expect((await submit()).status).toBe(200);
    expect((await submit()).status).toBe(200);
    const updates = t.connector.calls.slice(before).filter((c) => c.kind === "update");
    expect(updates).toHaveLength(2);
    expect(updates[0]!.activityId).toBe(reminder.platformMessageId);
    expect(JSON.stringify(updates[0]!.activity)).toContain("Recorded: needs attention — thank you");
    expect(JSON.stringify(updates[1]!.activity)).toContain("Recorded on ");
    expect(JSON.stringify(updates[1]!.activity)).toContain("you answered “Needs attention”");
    const [bob] = await promptOf(db, ids.bob!);
    expect(bob).toMatchObject({
      status: "answered",
      answer: "needs_attention",
      note: "Ethics approval is taking longer",
    });
    expect(bob!.answeredAt?.toISOString()).toBe("2026-11-27T10:00:00.000Z");
  });

  it("answers a click after the period with 'closed' and records nothing", async () => {
    clock.set("2026-12-01T10:00:00Z"); // the next week
    const [carol] = await promptOf(db, ids.carol!);
    const row = await outboxRow(db, carol!.outboxId!);
    const post = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === "U0CAROL01")!;
    const blocked = slackButtons(blocksOf(post.args)).find((b) => b.text.text === "Blocked")!;
    const before = t.slackApi.callsTo("chat.update").length;
    await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user: { id: "U0CAROL01", name: "carol" },
        actionId: blocked.action_id,
        value: blocked.value!,
        responseUrl: t.slackApi.responseUrl("carol-late"),
        container: { channelId: row.platformChannelId!, messageTs: row.platformMessageId! },
      }),
    );
    const update = await vi.waitFor(() => {
      const calls = t.slackApi.callsTo("chat.update").slice(before);
      if (calls.length === 0) throw new Error("waiting for the update");
      return calls[0]!;
    }, slowMachine);
    expect(String(update.args.text)).toBe("This check-in has closed");
    expect((await promptOf(db, ids.carol!))[0]).toMatchObject({ status: "sent", answer: null });
  });

  it("runs from the CLI as of an instant, and a second run of the same instant sends nothing twice", async () => {
    const run = await runWith(t.database, [
      "jobs",
      "run",
      "checkins",
      "--now",
      "2026-12-01T09:00:00Z",
      "--no-deliver",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 check-in planned, 1 prompt enqueued");
    const again = await runWith(t.database, [
      "jobs",
      "run",
      "checkins",
      "--now",
      "2026-12-01T09:00:00Z",
      "--no-deliver",
    ]);
    expect(again.stdout).toContain("0 check-ins planned, 0 prompts enqueued");
    const prompts = await db.select().from(checkinPrompts).where(eq(checkinPrompts.personId, ids.bob!));
    expect(prompts.map((p) => p.status).sort()).toEqual(["answered", "sent"]);
    expect((await db.select().from(outbox).where(eq(outbox.kind, "checkin.prompt"))).length).toBe(5);
  });
});

describe("check-ins after downtime", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z");
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};
  const run = async (at: string) => {
    clock.set(at);
    return t.app.jobs.find((j) => j.name === "checkins")!.run(new Date(at));
  };

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    ids.london = await seedPerson(db, {
      email: "l@x.org",
      slackUserId: "U0LONDON1",
      timezone: "Europe/London",
    });
    ids.berlin = await seedPerson(db, {
      email: "b@x.org",
      slackUserId: "U0BERLIN1",
      timezone: "Europe/Berlin",
    });
    ids.york = await seedPerson(db, {
      email: "n@x.org",
      slackUserId: "U0NEWYORK",
      timezone: "America/New_York",
    });
    await seedPartnership(db, { title: "Late study", members: [ids.london, ids.berlin, ids.york] });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends a prompt missed by less than a day late, once, in working hours; skips an older one", async () => {
    // Down from Monday to Wednesday 09:30 UTC: London's 10:00 Tuesday prompt is 23.5 hours late, Berlin's 24.5.
    const first = await run("2026-11-25T09:30:00Z");
    expect(first.counts).toMatchObject({ planned: 1, sent: 1, late: 1, skipped: 1 });
    expect((await promptOf(db, ids.london!))[0]!.status).toBe("sent");
    expect((await promptOf(db, ids.berlin!))[0]!.status).toBe("skipped");
    // New York's (Tuesday 15:00 UTC) is 18.5 hours late, but it is 04:30 there: it waits for the morning.
    expect((await promptOf(db, ids.york!))[0]!.status).toBe("pending");
    expect((await run("2026-11-25T09:45:00Z")).counts).toMatchObject({ sent: 0, skipped: 0 });
    const york = await run("2026-11-25T14:00:00Z"); // 09:00 in New York, 23 hours late
    expect(york.counts).toMatchObject({ sent: 1, late: 1 });
    clock.set("2026-11-25T14:00:00Z");
    await t.app.delivery.drain();
    const posts = t.slackApi.callsTo("chat.postMessage");
    expect(posts.map((p) => p.args.channel).sort()).toEqual(["U0LONDON1", "U0NEWYORK"]);
    expect(JSON.stringify(blocksOf(posts[0]!.args))).toContain("Sorry this comes late");
  });
});
