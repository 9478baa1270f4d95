// Slack app_uninstalled / tokens_revoked: deliveries to that workspace stop with a reason coordinators see, audited.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reachAdvice } from "../../../src/core/digest/reach-advice.ts";
import { enqueueOutgoing } from "../../../src/db/outbox-store.ts";
import { auditLog, chatIdentities, chatWorkspaceStatus, outbox, people } from "../../../src/db/schema.ts";
import { checkinPromptFor } from "../../helpers/partnerships.ts";
import { eventEnvelope, postSlackEvent } from "../../helpers/slack-events.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";
import { until } from "../../helpers/until.ts";

const envelope = (team: string, eventId: string, event: Record<string, unknown>) =>
  eventEnvelope({ team, eventId, event });
const deliver = async (baseUrl: string, body: string) => (await postSlackEvent(baseUrl, body)).status;

describe("Slack uninstall and token revocation", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const [name, team] of [
      ["dana", "T0GONE001"],
      ["erin", "T0STAY001"],
      ["finn", "T0REVOKE1"],
    ] as const) {
      const [row] = await t.database.db
        .insert(people)
        .values({ email: `${name}@example.org`, name, institution: "Northfield" })
        .returning({ id: people.id });
      ids[name] = row!.id;
      await t.database.db
        .insert(chatIdentities)
        .values({ personId: row!.id, platform: "slack", tenantId: team, userId: `U0${name.toUpperCase()}` });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const rowOf = async (key: string) =>
    (await t.database.db.select().from(outbox).where(eq(outbox.dedupeKey, key)))[0]!;

  it("app_uninstalled fails that workspace's waiting messages with a reason, records and audits it", async () => {
    await enqueueOutgoing(t.database.db, [
      checkinPromptFor(ids.dana!, "u-dana-1"),
      checkinPromptFor(ids.erin!, "u-erin-1"),
    ]);
    expect(await deliver(t.baseUrl, envelope("T0GONE001", "Ev0GONE1", { type: "app_uninstalled" }))).toBe(
      200,
    );
    await until(async () => (await rowOf("u-dana-1")).status === "failed", "Dana's message to fail");

    const dana = await rowOf("u-dana-1");
    expect(dana.lastError).toBe("the app was uninstalled from this Slack workspace — reinstall it");
    expect((await rowOf("u-erin-1")).status).toBe("pending");
    const [status] = await t.database.db
      .select()
      .from(chatWorkspaceStatus)
      .where(eq(chatWorkspaceStatus.tenantId, "T0GONE001"));
    expect(status).toMatchObject({ platform: "slack", status: "uninstalled" });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "slack.app_uninstalled"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subject: "T0GONE001" });
    expect(audits[0]!.details).toMatchObject({ eventId: "Ev0GONE1", failedDeliveries: 1 });
    // The coordinator's digest shows the reason as it is: it already says what to do.
    expect(reachAdvice(dana.lastError!)).toBe(dana.lastError);
  });

  it("later messages to that workspace are not tried: unreachable with the reason; others go on", async () => {
    const [dana, erin] = await enqueueOutgoing(t.database.db, [
      checkinPromptFor(ids.dana!, "u-dana-2"),
      checkinPromptFor(ids.erin!, "u-erin-2"),
    ]);
    expect(dana).toMatchObject({ status: "unreachable", reason: expect.stringContaining("reinstall it") });
    expect(erin).toMatchObject({ status: "pending", reason: null });
  });

  it("a revoked bot token stops deliveries too; revoked user tokens alone do not", async () => {
    await enqueueOutgoing(t.database.db, [checkinPromptFor(ids.finn!, "u-finn-1")]);
    const userOnly = envelope("T0REVOKE1", "Ev0REVOKE1", {
      type: "tokens_revoked",
      tokens: { oauth: ["U0FINN"], bot: [] },
    });
    expect(await deliver(t.baseUrl, userOnly)).toBe(200);
    await until(
      async () =>
        (await t.database.db.select().from(auditLog).where(eq(auditLog.action, "slack.tokens_revoked")))
          .length === 1,
      "the user-token audit",
    );
    expect((await rowOf("u-finn-1")).status).toBe("pending");

    const bot = envelope("T0REVOKE1", "Ev0REVOKE2", {
      type: "tokens_revoked",
      tokens: { oauth: [], bot: ["U0BOT0001"] },
    });
    expect(await deliver(t.baseUrl, bot)).toBe(200);
    await until(async () => (await rowOf("u-finn-1")).status === "failed", "Finn's message to fail");
    expect((await rowOf("u-finn-1")).lastError).toContain("revoked — reinstall it");
  });
});
