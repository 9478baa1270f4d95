import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelMessage, personalMessage, postActivity } from "../../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

interface CardAttachment {
  contentType: string;
  content: { type: string; version: string; body: unknown[] };
}

describe("Teams: help through the real botbuilder CloudAdapter", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("replies to `help` in a personal chat with an Adaptive Card listing the commands", async () => {
    const before = t.connector.calls.length;
    const response = await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"));
    expect(response.status).toBe(200);
    const calls = t.connector.calls.slice(before);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.kind).toBe("reply");
    expect(call.conversationId).toMatch(/^a:personal-/);
    const attachment = (call.activity.attachments as CardAttachment[])[0]!;
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment.content.version).toBe("1.5");
    const shown = JSON.stringify(attachment.content);
    expect(shown).toContain("Shows this list");
    // Markdown-escaped in the card: find-collaborator \<need\>.
    expect(shown).toMatch(/find-collaborator \\*<need\\*>/);
    expect(shown).toContain("Create or edit your profile");
    expect(shown).not.toContain("/collab");
    expect(shown).not.toContain("/find-collaborator");
    // Unauthenticated local mode sends no token to a loopback serviceUrl.
    expect(call.authorization).toBeUndefined();
  });

  it("answers `help` after the bot's mention in a channel", async () => {
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, channelMessage(t.connector.serviceUrl, "help"));
    const call = t.connector.calls.slice(before)[0]!;
    expect(call.conversationId).toContain("19:research-channel");
    expect(JSON.stringify(call.activity)).toContain("Shows this list");
  });

  it("keeps the conversation reference and time zone of a personal chat for later proactive messages", async () => {
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"));
    const identity = await t.database.db.query.chatIdentities.findFirst({
      where: (i, { eq }) => eq(i.platform, "teams"),
    });
    expect(identity?.userId).toBe("00000000-0000-0000-0000-00000000b0b0");
    expect(identity?.platformTimezone).toBe("Europe/London");
    expect(JSON.stringify(identity?.conversationRef)).toContain(t.connector.serviceUrl);
  });

  it.each([
    ["not JSON", "{not json"],
    ["a JSON array", "[1,2]"],
  ])("answers a body that is %s with 400 and keeps serving", async (_name, body) => {
    const response = await postActivity(t.baseUrl, body);
    expect(response.status).toBe(400);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("Teams with credentials configured", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      MICROSOFT_APP_ID: "0f1e2d3c-0000-4000-8000-000000000001",
      MICROSOFT_APP_PASSWORD: "secret",
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses an activity without a valid token with 401 and sends nothing", async () => {
    const before = t.connector.calls.length;
    const response = await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"), {
      authorization: "Bearer not-a-real-token",
    });
    expect(response.status).toBe(401);
    const missing = await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"));
    expect(missing.status).toBe(401);
    expect(t.connector.calls.length).toBe(before);
    // Said in our log, once each, rather than as a stack on stderr.
    const refusals = t.logLines.filter((line) =>
      line.includes("Teams activity without a valid token refused"),
    );
    expect(refusals).toHaveLength(2);
    expect(refusals.join("\n")).not.toContain("not-a-real-token");
  });
});
