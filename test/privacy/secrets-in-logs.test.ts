// Secrets never reach a log: a scenario through both doors at debug level, then every captured line is searched.
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/db/outbox-store.ts";
import { createLogger } from "../../src/logger.ts";
import { seedPerson } from "../helpers/seed.ts";
import {
  postToSlackEndpoint,
  signSlackBody,
  slashCommandBody,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from "../helpers/slack-requests.ts";
import { personalMessage, postActivity } from "../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const TEAMS_PASSWORD = "Tz8Q~teams-app-password-0123456789abcdefXYZ";
const TEAMS_APP_ID = "0f1e2d3c-0000-4000-8000-00000000beef";

/** The secret, and pieces of it long enough to matter (a log that cuts or splits a token still leaks it). */
function tracesOf(secret: string): string[] {
  return [secret, secret.slice(0, 24), secret.slice(-24), encodeURIComponent(secret)];
}

function expectNoSecrets(lines: readonly string[], secrets: readonly string[]) {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    for (const secret of secrets) {
      for (const trace of tracesOf(secret))
        expect(line, `a log line holds a secret: ${line.slice(0, 80)}`).not.toContain(trace);
    }
  }
}

const hello = (text: string) => ({ summary: text, blocks: [{ type: "text" as const, text }] });

describe("secrets never reach a log", () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it("Slack help, a bad signature, a Teams message and Slack deliveries that work and fail", async () => {
    const t = await startTestApp({ LOG_LEVEL: "debug" });
    apps.push(t);
    const help = slashCommandBody({
      command: "/collab",
      text: "help",
      response_url: t.slackApi.responseUrl("help"),
    });
    expect((await postToSlackEndpoint(t.baseUrl, help)).status).toBe(200);
    const forged = await postToSlackEndpoint(t.baseUrl, help, {
      signature: signSlackBody("another body", Math.floor(Date.now() / 1000)),
    });
    expect(forged.status).toBe(401);
    expect((await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"))).status).toBe(200);

    const person = await seedPerson(t.database.db, { email: "s@example.org", slackUserId: "U0SLACK01" });
    t.slackApi.failNext("chat.postMessage", { body: { ok: false, error: "invalid_auth" } });
    t.slackApi.failNext("chat.postMessage", { status: 500, body: "oops" });
    await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: person }, message: hello("fails") },
      { kind: "test", to: { kind: "person", personId: person }, message: hello("fails again") },
      { kind: "test", to: { kind: "person", personId: person }, message: hello("arrives") },
    ]);
    await t.app.delivery.drain();
    expect(t.slackApi.callsTo("chat.postMessage").some((c) => c.args.text === "arrives")).toBe(true);
    // The token did travel to the fake, so the search below is a real one.
    expect(t.slackApi.calls.some((c) => c.token === TEST_BOT_TOKEN)).toBe(true);

    expect(t.logLines.some((line) => line.includes('"level":20'))).toBe(true);
    expectNoSecrets(t.logLines, [TEST_BOT_TOKEN, TEST_SIGNING_SECRET]);
  });

  it("a Teams app password, with activities with bad and missing tokens", async () => {
    const t = await startTestApp({
      LOG_LEVEL: "debug",
      MICROSOFT_APP_ID: TEAMS_APP_ID,
      MICROSOFT_APP_PASSWORD: TEAMS_PASSWORD,
    });
    apps.push(t);
    const activity = personalMessage(t.connector.serviceUrl, "help");
    expect(
      (await postActivity(t.baseUrl, activity, { authorization: "Bearer not-a-real-token" })).status,
    ).toBe(401);
    expect((await postActivity(t.baseUrl, activity)).status).toBe(401);
    expect(
      (await postActivity(t.baseUrl, "{not json", { authorization: `Bearer ${TEAMS_PASSWORD}` })).status,
    ).toBeLessThan(500);
    const help = slashCommandBody({
      command: "/collab",
      text: "help",
      response_url: t.slackApi.responseUrl(),
    });
    expect((await postToSlackEndpoint(t.baseUrl, help)).status).toBe(200);
    expectNoSecrets(t.logLines, [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, TEAMS_PASSWORD]);
  });

  it("the logger censors secrets by key at any depth, token shapes anywhere, and configured values", () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk).trim());
        callback();
      },
    });
    const log = createLogger({ level: "debug", destination: stream, secrets: [TEAMS_PASSWORD] });
    log.debug(
      { config: { slack: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET } } },
      "config",
    );
    log.debug({ teams: { credentials: { appPassword: TEAMS_PASSWORD } } }, "nested");
    log.debug(
      { req: { headers: { Authorization: `Bearer ${TEST_BOT_TOKEN}`, "X-Slack-Signature": "v0=abc" } } },
      "h",
    );
    log.debug({ err: new Error(`failed with ${TEST_BOT_TOKEN}`) }, "an error carrying a token");
    log.child({ component: "slack" }).debug(`a message carrying ${TEST_BOT_TOKEN} and ${TEAMS_PASSWORD}`);
    log.debug({ list: [{ token: "xoxp-123456-abcdef" }] }, "in a list");
    log.error(
      { err: 'Failed query: insert into "find_requests" ("need") values ($1)\nparams: MRN 1234567' },
      "x",
    );
    expect(lines).toHaveLength(7);
    // A failed query's parameters are what people typed: they stay out of the log, the statement stays in.
    expect(lines[6]).toContain("Failed query: insert into");
    expect(lines[6]).not.toContain("1234567");
    expectNoSecrets(lines, [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, TEAMS_PASSWORD, "xoxp-123456-abcdef"]);
    expect(lines.join("\n")).toContain("[redacted]");
    // What is not a secret stays readable.
    expect(lines[3]).toContain("failed with");
    expect(lines[4]).toContain('"component":"slack"');
  });
});
