// Odd input through both doors — 20,000 characters, control characters, right-to-left text, SQL — gets a polite answer.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProfile, slashAnswer } from "../helpers/collab.ts";
import { postToSlackEndpoint, slashCommandBody } from "../helpers/slack-requests.ts";
import { personalMessage, postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const odd: [string, string][] = [
  ["20,000 characters", `survival analysis ${"lorem ipsum ".repeat(1_700)}`.slice(0, 20_000)],
  ["control characters", "survival\u0000 analysis\u0007\u001b[31m red\u0008\r\n\t"],
  ["right-to-left text", "\u202Eسرطان الثدي\u202C biostatistics \u05E2\u05D1\u05E8\u05D9\u05EA"],
  ["SQL", "'; drop table people; -- \" or 1=1 /* */ union select * from audit_log"],
  ["emoji and combining marks", "🧬🔬 z\u0351\u0358a\u035Blgo survival"],
];

describe("odd input gets a polite answer and the server stays up", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedProfile(t.database.db, {
      email: "alice@northfield.example.org",
      name: "Alice Moreau",
      institution: "Northfield Royal Infirmary",
      expertise: ["oncology"],
      offers: ["cohort access"],
      needs: ["biostatistics"],
      slackUserId: "U0ALICE01",
    });
    await seedProfile(t.database.db, {
      email: "bo@southgate.example.org",
      name: "Bo Okafor",
      institution: "Southgate University",
      expertise: ["biostatistics", "survival analysis"],
      offers: ["survival analysis"],
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(odd)("%s", (_name, text) => {
    it.each(["/collab", "/find-collaborator"])("through Slack's %s", async (command) => {
      const id = `odd-${command}-${Math.random().toString(36).slice(2)}`;
      const body = slashCommandBody({ command, text, response_url: t.slackApi.responseUrl(id) });
      const response = await postToSlackEndpoint(t.baseUrl, body);
      expect(response.status).toBe(200);
      const answer = await slashAnswer(t.slackApi, response, id);
      expect(answer.length).toBeGreaterThan(10);
      expect(answer).not.toMatch(/something went wrong/i);
    });

    it.each(["", "find-collaborator "])("through Teams as %j + text", async (prefix) => {
      const before = t.connector.calls.length;
      const response = await postActivity(
        t.baseUrl,
        personalMessage(t.connector.serviceUrl, `${prefix}${text}`),
      );
      expect(response.status).toBe(200);
      expect(t.connector.calls.length).toBeGreaterThan(before);
      expect(JSON.stringify(t.connector.calls.slice(before))).not.toMatch(/something went wrong/i);
    });
  });

  it("left the tables, the log and the server as they were", async () => {
    const [row] = await t.database.db
      .execute<{ n: number }>(sql`select count(*)::int as n from people`)
      .then((r) => (Array.isArray(r) ? r : ((r as { rows: { n: number }[] }).rows ?? [])));
    expect(Number(row?.n)).toBe(2);
    expect(t.logLines.join("\n")).not.toMatch(/Command failed|Action failed|could not be dispatched/);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});
