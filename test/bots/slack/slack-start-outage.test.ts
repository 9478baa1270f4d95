// Slack down at start: the bot stays up, says so in its log, and answers Slack once Slack is back.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postToSlackEndpoint, slashCommandBody } from "../../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

describe("Slack unreachable when the bot starts", () => {
  let t: TestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    t = await startTestApp(
      {},
      { beforeStart: ({ slackApi }) => slackApi.failNext("auth.test", { status: 503 }) },
    );
  });

  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await t?.close();
  });

  it("logs a warning instead of crashing, and checks the token again at the next Slack request", async () => {
    await vi.waitFor(() =>
      expect(t.logLines.join("\n")).toContain("Slack did not confirm the bot token at start"),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);

    const response = await postToSlackEndpoint(
      t.baseUrl,
      slashCommandBody({
        command: "/collab",
        text: "help",
        user_id: "U0HELP001",
        response_url: t.slackApi.responseUrl(),
      }),
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).toContain("find-collaborator");
    // The failed check at start, and the one the request made.
    expect(t.slackApi.callsTo("auth.test")).toHaveLength(2);
  });
});
