// Slack OAuth across several workspaces: installs through the real redirect, one token per workspace, state checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAllData } from "../../../src/db/export-data.ts";
import { programmes, slackInstallations } from "../../../src/db/schema.ts";
import { runWith } from "../../helpers/cli.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const KEY = Buffer.alloc(32, 7).toString("base64");
const grants: Record<string, Record<string, unknown>> = {
  "code-uni": {
    ok: true,
    app_id: "A0COLLAB01",
    authed_user: { id: "U0ADMIN01" },
    scope: "commands,chat:write,im:write,users:read",
    token_type: "bot",
    access_token: "xoxb-uni-1111111111-secret-token-uni",
    refresh_token: "xoxe-1-refresh-token-uni-secret",
    expires_in: 43_200,
    bot_user_id: "U0BOTUNI1",
    team: { id: "T0UNI0001", name: "Northfield University" },
    enterprise: null,
    is_enterprise_install: false,
  },
  "code-grid": {
    ok: true,
    app_id: "A0COLLAB01",
    authed_user: { id: "U0ADMIN02" },
    scope: "commands,chat:write,im:write,users:read",
    token_type: "bot",
    access_token: "xoxb-grid-2222222222-secret-token-grid",
    bot_user_id: "U0BOTGRD1",
    team: null,
    enterprise: { id: "E0HOSP001", name: "Eastbrook Hospitals" },
    is_enterprise_install: true,
  },
};
const secretTokens = Object.values(grants).flatMap((g) => [g.access_token, g.refresh_token].filter(Boolean));

describe("Slack OAuth install into several workspaces", () => {
  let t: TestApp;

  const startInstall = async () => {
    const response = await fetch(`${t.baseUrl}/slack/install`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const state = decodeURIComponent(/state=([^&"]+)/.exec(html)?.[1] ?? "");
    const cookie = (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    return { state, cookie, html };
  };
  const redirect = (code: string, state: string, cookie: string) =>
    fetch(`${t.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
  const rows = () => t.database.db.select().from(slackInstallations);

  beforeAll(async () => {
    t = await startTestApp({
      SLACK_BOT_TOKEN: undefined,
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret-0123456789",
      SLACK_STATE_SECRET: "state-secret-0123456789abcdef",
      COLLAB_ENCRYPTION_KEY: KEY,
    });
    t.slackApi.answer(
      "oauth.v2.access",
      (args) => grants[String(args.code)] ?? { ok: false, error: "invalid_code" },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves an Add to Slack page asking for the bot scopes", async () => {
    const { html, state, cookie } = await startInstall();
    expect(html).toContain("slack.com/oauth/v2/authorize");
    expect(html).toContain("scope=commands%2Cchat%3Awrite%2Cim%3Awrite%2Cusers%3Aread");
    expect(state).not.toBe("");
    expect(cookie).toMatch(/^slack-app-oauth-state=/);
  });

  it("installs a workspace and a Grid organisation through the redirect, tokens sealed", async () => {
    for (const code of ["code-uni", "code-grid"]) {
      const { state, cookie } = await startInstall();
      const response = await redirect(code, state, cookie);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Collab is now installed in");
    }
    const stored = await rows();
    expect(stored.map((r) => r.installKey).sort()).toEqual(["E0HOSP001", "T0UNI0001"]);
    const uni = stored.find((r) => r.installKey === "T0UNI0001");
    expect(uni?.botRefreshTokenSealed).toBeTruthy();
    expect(uni?.botTokenExpiresAt).toBeInstanceOf(Date);
    for (const token of secretTokens) expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("refuses a replayed or forged state and stores nothing", async () => {
    const before = t.slackApi.callsTo("oauth.v2.access").length;
    const { state, cookie } = await startInstall();
    expect((await redirect("code-uni", state, cookie)).status).toBe(200);
    const replayed = await redirect("code-uni", state, cookie);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("Start again");
    const forged = "eyJhbGciOiJIUzI1NiJ9.eyJub3ciOiIyMDI2LTAxLTAxIn0.forgedsignature";
    const refused = await redirect("code-grid", forged, `slack-app-oauth-state=${forged}`);
    expect(refused.status).toBe(400);
    expect(t.slackApi.callsTo("oauth.v2.access").length).toBe(before + 1);
    expect((await rows()).length).toBe(2);
  });

  it("sends each message with its own workspace's token", async () => {
    const sender = t.app.senders.slack;
    if (!sender) throw new Error("no Slack sender");
    const message = { summary: "Check-in", blocks: [{ kind: "text", text: "How is it going?" }] } as never;
    await sender.send({
      id: 1,
      platform: "slack",
      tenantId: "T0UNI0001",
      target: { kind: "user", id: "U0AMARA01" },
      message,
      attempts: 0,
    });
    // A workspace of the Grid organisation has no install of its own: the org-wide one serves it.
    await sender.send({
      id: 2,
      platform: "slack",
      tenantId: "T0HOSPWS1",
      target: { kind: "user", id: "U0SAMIR01" },
      message,
      attempts: 0,
    });
    const posts = t.slackApi.callsTo("chat.postMessage");
    expect(posts.map((p) => [p.args.channel, p.token])).toEqual([
      ["U0AMARA01", grants["code-uni"]?.access_token],
      ["U0SAMIR01", grants["code-grid"]?.access_token],
    ]);
  });

  it("links one programme to both installed workspaces and a Teams tenant; an uninstalled one gets a note", async () => {
    await t.database.db.insert(programmes).values({ name: "Oncology Network" });
    for (const link of ["slack:T0UNI0001", "slack:E0HOSP001", "teams:tenant-0001"]) {
      const run = await runWith(t.database, ["programme", "link", link, "Oncology Network"]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
    }
    const elsewhere = await runWith(t.database, ["programme", "link", "slack:T0NOTHERE", "Oncology Network"]);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toContain("not installed in T0NOTHERE");
  });

  it("keeps tokens out of the logs and out of collab export", async () => {
    const exported = JSON.stringify(await exportAllData(t.database.db));
    expect(exported).toContain("T0UNI0001");
    expect(exported).not.toContain("_sealed");
    for (const token of secretTokens) {
      expect(exported).not.toContain(token);
      expect(t.logLines.join("\n")).not.toContain(token);
    }
  });
});
