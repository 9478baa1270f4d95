import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

describe("GET /healthz", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.stop();
    await t?.slackApi.close();
    await t?.connector.close();
    t = undefined;
  });

  it("is 200 with JSON naming the database and platforms while the database answers", async () => {
    t = await startTestApp();
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      database: string;
      platforms: Record<string, string>;
    };
    expect(body.status).toBe("ok");
    expect(["pglite", "postgres"]).toContain(body.database);
    expect(body.platforms.slack).toBe("on");
    await t.database.close();
  });

  it("is 503 once the database is gone", async () => {
    t = await startTestApp();
    await t.database.close();
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { status: string }).status).toBe("unavailable");
  });

  it("answers unknown routes with 404, and Slack routes with a hint when Slack is off", async () => {
    t = await startTestApp({ SLACK_SIGNING_SECRET: "", SLACK_BOT_TOKEN: "" });
    expect((await fetch(`${t.baseUrl}/nope`)).status).toBe(404);
    const slack = await fetch(`${t.baseUrl}/slack/events`, { method: "POST", body: "x" });
    expect(slack.status).toBe(404);
    expect(await slack.text()).toContain("SLACK_SIGNING_SECRET");
    await t.database.close();
  });
});
