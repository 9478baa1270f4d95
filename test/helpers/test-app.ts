// Starts the whole service on a random port against a test database and loopback fakes of Slack and Teams.
import { Writable } from "node:stream";
import { createApp, type RunningApp } from "../../src/app/create-app.ts";
import type { ServiceOptions } from "../../src/app/create-services.ts";
import { type Config, type Env, loadConfig } from "../../src/config.ts";
import type { Clock } from "../../src/core/ports.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { type FakeBotConnector, startFakeBotConnector } from "../fakes/fake-bot-connector.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/fake-slack-api.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./slack-requests.ts";

export interface TestApp {
  baseUrl: string;
  app: RunningApp;
  config: Config;
  database: TestDatabase;
  slackApi: FakeSlackApi;
  connector: FakeBotConnector;
  /** Everything the service logged, one JSON line each. */
  logLines: string[];
  close(): Promise<void>;
}

/** The service's own logger (with its redaction), writing into `lines` instead of stdout. */
export function createCapturingLogger(lines: string[]): Logger {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      callback();
    },
  });
  return createLogger({ level: "debug", destination: stream });
}

export async function startTestApp(
  env: Env = {},
  options: {
    clock?: Clock;
    requestTimeoutMs?: number;
    slackAckWithinMs?: number;
    /** The delivery worker's settings, e.g. a shorter retry back-off. */
    delivery?: ServiceOptions["delivery"];
    /** Runs on the fakes before the service starts (e.g. to make Slack fail its start-up call). */
    beforeStart?: (fakes: { slackApi: FakeSlackApi; connector: FakeBotConnector }) => void;
  } = {},
): Promise<TestApp> {
  const [database, slackApi, connector] = await Promise.all([
    createTestDatabase(),
    startFakeSlackApi(),
    startFakeBotConnector(),
  ]);
  options.beforeStart?.({ slackApi, connector });
  const config = loadConfig({
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    // Teams unauthenticated beside Slack, against the fake Bot Connector (by default it is off beside Slack).
    TEAMS_ENABLED: "true",
    PORT: "0",
    ...env,
  });
  const logLines: string[] = [];
  const app = await createApp({
    config,
    logger: createCapturingLogger(logLines),
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.delivery ? { delivery: options.delivery } : {}),
    slackRetryConfig: { retries: 0 },
    ...(options.slackAckWithinMs !== undefined ? { slackAckWithinMs: options.slackAckWithinMs } : {}),
  });
  const port = await app.listen(0);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    config,
    database,
    slackApi,
    connector,
    logLines,
    async close() {
      await app.stop();
      await Promise.all([database.close(), slackApi.close(), connector.close()]);
    },
  };
}
