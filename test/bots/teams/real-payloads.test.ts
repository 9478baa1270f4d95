// Replays recorded and documented Teams activities (test/fixtures/real/teams) through the real server and CloudAdapter.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatIdentities, programmes, programmeTenants } from "../../../src/db/schema.ts";
import { cardOf } from "../../helpers/collab.ts";
import { postActivity } from "../../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

interface Fixture {
  source: string;
  notes: string;
  kind: string;
  payload: Record<string, unknown>;
}

const DIR = join(import.meta.dirname, "../../fixtures/real/teams");
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(DIR, name), "utf8")) as Fixture) }));
const fixture = (name: string) => fixtures.find((f) => f.name === `${name}.json`)!;

/** The tenant of the vercel/chat recordings: the one this test's bot serves (linked to a programme). */
const SERVED_TENANT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

describe("Teams: real payloads replayed through /api/messages", () => {
  let t: TestApp;

  /** The payload as recorded, with its serviceUrl (when it has one) pointed at the loopback Bot Connector. */
  const replay = (payload: Record<string, unknown>) =>
    postActivity(
      t.baseUrl,
      "serviceUrl" in payload ? { ...payload, serviceUrl: t.connector.serviceUrl } : payload,
    );

  beforeAll(async () => {
    t = await startTestApp();
    const [programme] = await t.database.db
      .insert(programmes)
      .values({ name: "Replay programme" })
      .returning();
    await t.database.db
      .insert(programmeTenants)
      .values({ programmeId: programme!.id, platform: "teams", tenantId: SERVED_TENANT });
  });
  afterAll(async () => {
    await t.close();
  });

  it("has at least 15 fixtures, each with a source, notes, a kind and an activity type", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    const kinds = fixtures.map((f) => f.kind);
    for (const needed of ["teams.invoke.adaptiveCard/action", "teams.installationUpdate.remove"]) {
      expect(kinds, needed).toContain(needed);
    }
    for (const f of fixtures) {
      expect(f.source, f.name).toMatch(/@[0-9a-f]{40}|^https:\/\//);
      expect(f.notes.length, f.name).toBeGreaterThan(20);
      expect(f.kind, f.name).toMatch(/^teams\./);
      expect(typeof f.payload.type, f.name).toBe("string");
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    "%s gets its documented answer, never a 5xx, and the server stays healthy",
    async (_name, f) => {
      const response = await replay(f.payload);
      expect(response.status, f.kind).toBe(200);
      if (f.payload.type === "invoke") {
        // The Universal Actions response format: statusCode, type and value in the body.
        const body = JSON.parse(response.text) as { statusCode: unknown; type: unknown };
        expect(typeof body.statusCode).toBe("number");
        expect(String(body.type)).toMatch(/^application\/vnd\.microsoft\./);
      }
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    },
  );

  it("answers a recorded personal message in that personal chat", async () => {
    const before = t.connector.calls.length;
    const { payload } = fixture("personalMessage");
    await replay(payload);
    const calls = t.connector.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.conversationId).toBe((payload.conversation as { id: string }).id);
    expect(JSON.stringify(cardOf(calls[0]!.activity))).toContain('I don\'t know the command \\"hey\\"');
  });

  it("reads the command after the <at> mention of a recorded channel message", async () => {
    const before = t.connector.calls.length;
    await replay(fixture("channelMention").payload);
    const card = JSON.stringify(cardOf(t.connector.calls.slice(before)[0]!.activity));
    expect(card).toContain('I don\'t know the command \\"hey\\"');
    expect(card).not.toContain("Chat SDK Demo");
  });

  it("treats a recorded Action.Submit (message with value) as a button press", async () => {
    const before = t.connector.calls.length;
    await replay(fixture("channelActionSubmit").payload);
    const sent = t.connector.calls.slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.activity)).toContain("That button no longer works");
  });

  it("gives the person from another tenant the help text and stores nothing about them", async () => {
    const before = t.connector.calls.length;
    const { payload } = fixture("personalMessageOtherTenant");
    await replay(payload);
    const card = JSON.stringify(cardOf(t.connector.calls.slice(before)[0]!.activity));
    expect(card).toContain("Here is what I can do");
    const tenant = (payload.conversation as { tenantId: string }).tenantId;
    const stored = await t.database.db
      .select()
      .from(chatIdentities)
      .where(eq(chatIdentities.tenantId, tenant));
    expect(stored).toEqual([]);
  });

  it("answers a recorded Action.Execute without a verb (a live client's invoke) with a documented error body", async () => {
    const before = t.connector.calls.length;
    const response = await replay(fixture("adaptiveCardActionRecorded").payload);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      statusCode: 400,
      type: "application/vnd.microsoft.error",
      value: { code: "BadRequest", message: expect.stringContaining("no longer works") },
    });
    // The invoke is answered in its HTTP response: nothing is sent through the connector.
    expect(t.connector.calls.slice(before)).toEqual([]);
  });

  it("takes the Teams SDK's bare installationUpdate remove (no sender, no tenant) with a 200 and stays healthy", async () => {
    const response = await replay(fixture("installationUpdateRemoveSdkTest").payload);
    expect(response.status).toBe(200);
    expect(t.logLines.filter((line) => line.includes('"level":50'))).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers the documented adaptiveCard/action invoke (no sender, unknown verb) with a documented error body", async () => {
    const response = await replay(fixture("adaptiveCardActionDocs").payload);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      statusCode: 400,
      type: "application/vnd.microsoft.error",
    });
  });
});
