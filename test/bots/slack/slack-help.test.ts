import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToSlackEndpoint, signSlackBody, slashCommandBody } from "../../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

describe("Slack: /collab help through the real Bolt app", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const helpBody = () =>
    slashCommandBody({ command: "/collab", text: "help", response_url: t.slackApi.responseUrl("help") });

  it("answers a signed /collab help with the list of commands, only to the asker", async () => {
    const response = await postToSlackEndpoint(t.baseUrl, helpBody());
    expect(response.status).toBe(200);
    const reply = response.json as { response_type: string; text: string; blocks: { type: string }[] };
    expect(reply.response_type).toBe("ephemeral");
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("/collab help");
    expect(shown).toContain("Shows this list");
    expect(shown).toContain("/find-collaborator &lt;need&gt;");
    expect(shown).toContain("/collab pause &lt;duration&gt;");
    expect(t.slackApi.callsTo("auth.test").length).toBeGreaterThan(0);
  });

  it("treats an empty /collab like help", async () => {
    const body = slashCommandBody({ command: "/collab", text: "", response_url: t.slackApi.responseUrl() });
    const response = await postToSlackEndpoint(t.baseUrl, body);
    expect(JSON.stringify(response.json)).toContain("Shows this list");
  });

  it("explains an unknown subcommand and points at help", async () => {
    const body = slashCommandBody({
      command: "/collab",
      text: "frobnicate",
      response_url: t.slackApi.responseUrl(),
    });
    const response = await postToSlackEndpoint(t.baseUrl, body);
    expect(JSON.stringify(response.json)).toContain("I don't know the command");
    expect(JSON.stringify(response.json)).toContain("/collab help");
  });

  describe("refuses requests Slack did not sign, and reaches no handler", () => {
    it.each([
      ["a bad signature", { signature: signSlackBody("something else", Math.floor(Date.now() / 1000)) }],
      ["a signature made with another secret", { secret: "not-the-secret" }],
      ["a timestamp 10 minutes old", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
      ["no signature", { signature: null }],
    ])("%s gets 401", async (_name, options) => {
      const before = t.slackApi.calls.length;
      const linesBefore = t.logLines.length;
      // A user who never sent a valid request: had any handler run, the core would have recorded them.
      const body = slashCommandBody({
        command: "/collab",
        text: "help",
        user_id: "U0INTRUDER",
        response_url: t.slackApi.responseUrl("bad"),
      });
      const response = await postToSlackEndpoint(t.baseUrl, body, options);
      expect(response.status).toBe(401);
      expect(response.text).not.toContain("Shows this list");
      expect(t.slackApi.calls.length).toBe(before);
      const identities = await t.database.db.query.chatIdentities.findMany();
      expect(identities.map((i) => i.userId)).not.toContain("U0INTRUDER");
      expect(t.logLines.slice(linesBefore).join("\n")).not.toContain("Slack listener failed");
    });
  });

  it("records the Slack identity of the person who asked", async () => {
    await postToSlackEndpoint(t.baseUrl, helpBody());
    const identities = await t.database.db.query.chatIdentities.findMany();
    expect(identities).toContainEqual(
      expect.objectContaining({ platform: "slack", tenantId: "T0FAKE001", userId: "U0ALICE01" }),
    );
  });

  it("answers a malformed payload with 400 and keeps serving", async () => {
    const response = await postToSlackEndpoint(t.baseUrl, "payload=%7Bnot-json");
    expect(response.status).toBe(400);
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });
});
