// Replays payloads Slack really sent (test/fixtures/real/slack, each with its source) through the whole server, signed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSlackBody } from "../../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "real", "slack");

interface RealPayload {
  file: string;
  source: string;
  kind: string;
  headers?: Record<string, string>;
  payload: Record<string, unknown>;
}

const fixtures: RealPayload[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({
    file,
    ...(JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as Omit<RealPayload, "file">),
  }));

/** How Slack sends each kind: form fields for commands, JSON for the Events API, `payload=` for interactivity. */
function encode(fixture: RealPayload, responseUrl: string): { body: string; contentType: string } {
  // response_url points at Slack; the replay answers through the loopback fake instead.
  const json = JSON.stringify(fixture.payload).replace(/https:\/\/hooks\.slack\.com\/[^"]*/g, responseUrl);
  const payload = JSON.parse(json) as Record<string, unknown>;
  if (fixture.kind === "slack.slash_command") {
    const fields = Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, String(value)]));
    return { body: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" };
  }
  if (fixture.kind.startsWith("slack.event.") || fixture.kind === "slack.url_verification") {
    return { body: json, contentType: "application/json" };
  }
  return {
    body: new URLSearchParams({ payload: json }).toString(),
    contentType: "application/x-www-form-urlencoded",
  };
}

async function replay(t: TestApp, fixture: RealPayload) {
  const { body, contentType } = encode(fixture, t.slackApi.responseUrl(fixture.file));
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackBody(body, timestamp),
    ...(fixture.headers ?? {}),
  };
  const started = performance.now();
  const response = await fetch(`${t.baseUrl}/slack/events`, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** Kinds the app has no listener for: Slack must still get its ack at once, not a 404 after 3 s. */
const UNHANDLED = new Set([
  "shortcut_global.json",
  "shortcut_global_enterprise.json",
  "message_action.json",
  "interactive_message.json",
  "dialog_submission.json",
  "dialog_cancellation.json",
  "dialog_suggestion.json",
  "block_suggestion.json",
  "slash_command_plain.json",
  "slash_command_enterprise.json",
  "slash_command_org_install.json",
  "view_closed.json",
  "view_closed_org_install.json",
]);

describe("real Slack payloads through the server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("has the recorded payloads, each naming its source", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    // Among them: a member joining (team_join), a redelivery, Enterprise Grid and org-wide installs.
    expect(fixtures.map((f) => f.kind)).toContain("slack.event.team_join");
    expect(
      fixtures.some((f) => Object.keys(f.headers ?? {}).some((h) => h.toLowerCase() === "x-slack-retry-num")),
    ).toBe(true);
    const text = (f: RealPayload) => JSON.stringify(f.payload);
    expect(fixtures.filter((f) => /"enterprise_id":"E/.test(text(f))).length).toBeGreaterThanOrEqual(5);
    expect(
      fixtures.filter((f) => /"is_enterprise_install":(true|"true")/.test(text(f))).length,
    ).toBeGreaterThan(3);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.file).toMatch(/^\S+\/\S+ .+@[0-9a-f]{40}/);
      expect(fixture.kind, fixture.file).toMatch(/^slack\./);
    }
  });

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))(
    "%s: acked with a 2xx within 3 s",
    async (_file, fixture) => {
      const answer = await replay(t, fixture);
      expect(answer.status, `${fixture.file}: ${answer.text}`).toBeGreaterThanOrEqual(200);
      expect(answer.status, `${fixture.file}: ${answer.text}`).toBeLessThan(300);
      expect(answer.ms, fixture.file).toBeLessThan(3_000);
      if (fixture.kind === "slack.url_verification") {
        expect(answer.text).toContain(String(fixture.payload.challenge));
      }
    },
  );

  it("acks every kind it does not handle within 100 ms, logged at debug", async () => {
    for (const fixture of fixtures.filter((f) => UNHANDLED.has(f.file))) {
      // The best of three: this checks that nothing waits for a timeout, not the machine's load at one instant.
      const times: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const answer = await replay(t, fixture);
        expect(answer.status, fixture.file).toBe(200);
        times.push(answer.ms);
      }
      expect(Math.min(...times), fixture.file).toBeLessThan(100);
    }
    const unhandled = t.logLines.filter((line) => line.includes("does not handle"));
    expect(unhandled.length).toBeGreaterThan(0);
    for (const line of unhandled) expect(JSON.parse(line).level).toBe(20);
    // Options requests get an empty list, so the menu shows "no options" rather than an error.
    const suggestion = fixtures.find((f) => f.file === "block_suggestion.json")!;
    expect(JSON.parse((await replay(t, suggestion)).text)).toEqual({ options: [] });
  });

  it("never answers 5xx, logs no unacknowledged request, and stays healthy", async () => {
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(t.logLines.filter((line) => /not acknowledged|Unhandled HTTP request/i.test(line))).toEqual([]);
    expect(t.logLines.filter((line) => line.includes("could not be dispatched"))).toEqual([]);
  });
});
