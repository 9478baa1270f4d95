// Starts the whole service like startTestApp, but on a clock the test moves (for jobs and delivery "as of" an instant).
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { startFakeBotConnector } from "../fakes/fake-bot-connector.ts";
import { startFakeSlackApi } from "../fakes/fake-slack-api.ts";
import { createTestDatabase } from "./database.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./slack-requests.ts";
import { createCapturingLogger, type TestApp } from "./test-app.ts";

export interface TestClock {
  now(): Date;
  set(at: Date | string): void;
}

export function createTestClock(start: Date | string = new Date()): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set(at) {
      current = new Date(at);
    },
  };
}

export async function startClockedApp(clock: TestClock): Promise<TestApp> {
  const [database, slackApi, connector] = await Promise.all([
    createTestDatabase(),
    startFakeSlackApi(),
    startFakeBotConnector(),
  ]);
  const config = loadConfig({
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    PORT: "0",
  });
  const logLines: string[] = [];
  const app = createApp({
    config,
    logger: createCapturingLogger(logLines),
    database,
    clock,
    slackRetryConfig: { retries: 0 },
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

/** A Slack view_submission payload (interactivity), as Slack posts it when a modal is submitted. */
export function viewSubmission(input: {
  userId: string;
  callbackId: string;
  values: Record<string, { type: string; value?: string; selected_option?: { value: string } }>;
  privateMetadata?: string;
  teamId?: string;
}) {
  const teamId = input.teamId ?? "T0FAKE001";
  const state: Record<string, Record<string, unknown>> = {};
  for (const [id, element] of Object.entries(input.values)) state[id] = { [id]: element };
  return {
    type: "view_submission",
    team: { id: teamId, domain: "research-uni" },
    user: {
      id: input.userId,
      username: input.userId.toLowerCase(),
      name: input.userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: "A0COLLAB01",
    token: "deprecated-verification-token",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    view: {
      id: "V0MODAL01",
      team_id: teamId,
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? "",
      state: { values: state },
      hash: "1",
      blocks: [],
      title: { type: "plain_text", text: "Form" },
      app_id: "A0COLLAB01",
      bot_id: "B0FAKE001",
    },
  };
}
