// Slack Events API: a retried delivery (same event_id, X-Slack-Retry-Num) is processed once; uninstalls are audited.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, slackEvents } from "../../../src/db/schema.ts";
import { eventEnvelope, postSlackEvent } from "../../helpers/slack-events.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";
import { until } from "../../helpers/until.ts";

const eventCallback = (eventId: string, event: Record<string, unknown>) =>
  eventEnvelope({ team: "T0FAKE001", eventId, event, authorizations: true });
const deliver = postSlackEvent;

describe("Slack Events API deliveries", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const audits = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  const logged = (text: string) => t.logLines.filter((line) => line.includes(text)).length;

  it("processes app_uninstalled once, however many times Slack retries it", async () => {
    const body = eventCallback("Ev0UNINSTALL1", { type: "app_uninstalled" });
    expect((await deliver(t.baseUrl, body)).status).toBe(200);
    await until(async () => (await audits("slack.app_uninstalled")).length === 1, "the audit row");

    const skippedBefore = logged("retry skipped");
    for (const num of [1, 2]) {
      const retry = await deliver(t.baseUrl, body, { num, reason: "http_timeout" });
      expect(retry.status).toBe(200);
    }
    await until(async () => logged("retry skipped") === skippedBefore + 2, "both retries to be skipped");

    const rows = await audits("slack.app_uninstalled");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: "slack", platform: "slack", subject: "T0FAKE001" });
    expect(rows[0]!.details).toEqual({ eventId: "Ev0UNINSTALL1", organisation: false, failedDeliveries: 0 });
    expect(logged("was uninstalled")).toBe(1);
    const retryLine = t.logLines.find(
      (line) => line.includes("retry skipped") && line.includes('"retryNum":2'),
    );
    expect(retryLine).toBeDefined();
    const seen = await t.database.db
      .select()
      .from(slackEvents)
      .where(eq(slackEvents.eventId, "Ev0UNINSTALL1"));
    expect(seen).toHaveLength(1);
  });

  it("audits tokens_revoked with counts only, once", async () => {
    const body = eventCallback("Ev0REVOKED01", {
      type: "tokens_revoked",
      tokens: { oauth: ["U0ALICE01"], bot: ["U0BOT0001"] },
    });
    expect((await deliver(t.baseUrl, body)).status).toBe(200);
    await until(async () => (await audits("slack.tokens_revoked")).length === 1, "the audit row");
    const skippedBefore = logged("retry skipped");
    expect((await deliver(t.baseUrl, body, { num: 1, reason: "http_error" })).status).toBe(200);
    await until(async () => logged("retry skipped") === skippedBefore + 1, "the retry to be skipped");
    const rows = await audits("slack.tokens_revoked");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toEqual({
      eventId: "Ev0REVOKED01",
      organisation: false,
      failedDeliveries: 0,
      oauth: 1,
      bot: 1,
    });
    expect(JSON.stringify(rows)).not.toContain("U0ALICE01");
  });

  it("treats different event ids as different deliveries", async () => {
    const before = (await audits("slack.app_uninstalled")).length;
    await deliver(t.baseUrl, eventCallback("Ev0UNINSTALL2", { type: "app_uninstalled" }));
    await until(
      async () => (await audits("slack.app_uninstalled")).length === before + 1,
      "a second audit row",
    );
  });

  it("refuses an unsigned event with 401 and records nothing", async () => {
    const body = eventCallback("Ev0FORGED001", { type: "app_uninstalled" });
    const response = await fetch(`${t.baseUrl}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
      },
      body,
    });
    expect(response.status).toBe(401);
    const seen = await t.database.db
      .select()
      .from(slackEvents)
      .where(eq(slackEvents.eventId, "Ev0FORGED001"));
    expect(seen).toHaveLength(0);
  });
});
