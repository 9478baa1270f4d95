import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/outgoing.ts";
import { enqueueMessages } from "../../src/db/outbox-store.ts";
import { outbox } from "../../src/db/schema.ts";
import { seedPerson } from "../helpers/seed.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const hello = (text: string): OutgoingMessage["message"] => ({
  summary: text,
  blocks: [{ type: "text", text }],
});

describe("outbox delivery through the real Slack and Teams clients", () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    ids = {
      slack: await seedPerson(db, { email: "s@example.org", slackUserId: "U0SLACK01" }),
      teams: await seedPerson(db, {
        email: "t@example.org",
        teams: { aadObjectId: "aad-teams-1", serviceUrl: t.connector.serviceUrl },
      }),
      noRef: await seedPerson(db, { email: "n@example.org", teams: { aadObjectId: "aad-noref" } }),
      nobody: await seedPerson(db, { email: "x@example.org" }),
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const statusOf = async (id: number) =>
    (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
  /** Makes the row due now and runs the delivery worker once more. */
  const retryNow = async (id: number) => {
    await t.database.db
      .update(outbox)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(outbox.id, id));
    await t.app.delivery.drain();
  };

  it("sends to each person on their own platform and records the platform's message id", async () => {
    const [slackId, teamsId] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.slack! }, message: hello("to slack") },
      { kind: "test", to: { kind: "person", personId: ids.teams! }, message: hello("to teams") },
    ]);
    await t.app.delivery.drain();
    const slackCall = t.slackApi.callsTo("chat.postMessage").at(-1)!;
    expect(slackCall.args.channel).toBe("U0SLACK01");
    expect(slackCall.args.text).toBe("to slack");
    const teamsCall = t.connector.calls.at(-1)!;
    // A proactive turn replies to its own continuation activity: Teams shows it as a new message in the chat.
    expect(["send", "reply"]).toContain(teamsCall.kind);
    expect(teamsCall.conversationId).toBe("a:personal-aad-teams-1");
    const slackRow = await statusOf(slackId!);
    expect(slackRow.status).toBe("sent");
    expect(slackRow.platformMessageId).toMatch(/^\d+\.\d+$/);
    const teamsRow = await statusOf(teamsId!);
    expect(teamsRow.status).toBe("sent");
    expect(teamsRow.platformMessageId).toMatch(/^activity-/);
  });

  it("records people it cannot reach, with what to do, and sends them nothing", async () => {
    const before = t.connector.calls.length + t.slackApi.calls.length;
    const [noRef, nobody] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.noRef! }, message: hello("x") },
      { kind: "test", to: { kind: "person", personId: ids.nobody! }, message: hello("y") },
    ]);
    await t.app.delivery.drain();
    expect(t.connector.calls.length + t.slackApi.calls.length).toBe(before);
    expect((await statusOf(noRef!)).status).toBe("unreachable");
    expect((await statusOf(noRef!)).lastError).toContain("open the Collab app in Teams");
    expect((await statusOf(nobody!)).lastError).toContain("people CSV");
  });

  it("enqueues a dedupe key once", async () => {
    const message: OutgoingMessage = {
      kind: "test",
      dedupeKey: "once-only",
      to: { kind: "person", personId: ids.slack! },
      message: hello("once"),
    };
    const first = await enqueueMessages(t.database.db, [message]);
    const second = await enqueueMessages(t.database.db, [message]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    await t.app.delivery.drain();
    expect(t.slackApi.callsTo("chat.postMessage").filter((c) => c.args.text === "once")).toHaveLength(1);
  });

  it("retries a Slack 429 after Retry-After and a 500, then delivers once", async () => {
    t.slackApi.failNext("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    t.slackApi.failNext("chat.postMessage", { status: 500, body: "oops" });
    const [id] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.slack! }, message: hello("persistent") },
    ]);
    await t.app.delivery.drain();
    let row = await statusOf(id!);
    expect(row.status).toBe("pending");
    expect(row.lastError).toContain("429");
    await retryNow(id!);
    row = await statusOf(id!);
    expect(row.lastError).toContain("500");
    await retryNow(id!);
    row = await statusOf(id!);
    expect(row.status).toBe("sent");
    const delivered = t.slackApi.callsTo("chat.postMessage").filter((c) => c.args.text === "persistent");
    expect(delivered).toHaveLength(3);
    expect(row.attempts).toBe(3);
  });

  it.each([
    ["user_not_found", "left the workspace"],
    ["not_in_channel", "/invite"],
  ])("gives up on Slack's %s with a reason coordinators can act on", async (error, reason) => {
    t.slackApi.failNext("chat.postMessage", { body: { ok: false, error } });
    const [id] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.slack! }, message: hello(error) },
    ]);
    await t.app.delivery.drain();
    const row = await statusOf(id!);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain(reason);
  });

  it("delivers through Teams 429s and 503s once, and gives up on a 404 with a reason", async () => {
    // botbuilder's connector client retries a 429 itself; the outbox retries what is still failing after that.
    t.connector.failNext({
      status: 429,
      headers: { "retry-after": "1" },
      body: { error: { code: "Throttled" } },
    });
    const [throttled] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.teams! }, message: hello("teams throttled") },
    ]);
    await t.app.delivery.drain();
    expect((await statusOf(throttled!)).status).toBe("sent");

    t.connector.failNext({ status: 503, body: { error: { code: "ServiceUnavailable" } } }, 4);
    const [retried] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.teams! }, message: hello("teams retry") },
    ]);
    await t.app.delivery.drain();
    const pending = await statusOf(retried!);
    expect(pending.status).toBe("pending");
    expect(pending.lastError).toContain("503");
    while (t.connector.calls.length > 0 && (await statusOf(retried!)).status === "pending") {
      await retryNow(retried!);
    }
    expect((await statusOf(retried!)).status).toBe("sent");
    const delivered = t.connector.calls.filter(
      (c) => JSON.stringify(c.activity).includes("teams retry") && c.kind !== "update",
    );
    expect(delivered.length).toBeGreaterThan(1);

    t.connector.failNext({ status: 404, body: { error: { code: "ConversationNotFound" } } });
    const [gone] = await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: ids.teams! }, message: hello("teams gone") },
    ]);
    await t.app.delivery.drain();
    const row = await statusOf(gone!);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("404");
  });
});
