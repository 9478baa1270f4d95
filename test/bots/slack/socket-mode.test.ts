// With SLACK_APP_TOKEN the Slack door is built on Bolt's SocketModeReceiver (nothing connects until start()).
import { SocketModeReceiver } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createServices } from "../../../src/app/create-services.ts";
import { loadConfig } from "../../../src/config.ts";
import { startFakeSlackApi } from "../../fakes/fake-slack-api.ts";
import { createTestDatabase } from "../../helpers/database.ts";
import { TEST_BOT_TOKEN } from "../../helpers/slack-requests.ts";
import { createCapturingLogger } from "../../helpers/test-app.ts";

describe("Slack Socket Mode", () => {
  it("builds the app on the socket receiver, with no HTTP endpoint, without connecting", async () => {
    const [database, slackApi] = await Promise.all([createTestDatabase(), startFakeSlackApi()]);
    try {
      const config = loadConfig({
        SLACK_APP_TOKEN: "xapp-1-A0COLLAB01-1-abcdef",
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_API_URL: slackApi.apiUrl,
      });
      const services = await createServices({ config, logger: createCapturingLogger([]), database });
      expect(services.slack?.mode).toBe("socket");
      expect(services.slack?.receiver).toBeInstanceOf(SocketModeReceiver);
      expect(services.slack?.handle).toBeUndefined();
      expect(services.senders.slack).toBeDefined();
      // Building it opened no WebSocket: Socket Mode would ask apps.connections.open first.
      expect(slackApi.callsTo("apps.connections.open")).toEqual([]);
    } finally {
      await Promise.all([database.close(), slackApi.close()]);
    }
  });
});
