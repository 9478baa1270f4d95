// Slack OAuth across several workspaces: installs through the real redirect, one token per workspace, state checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAllData } from "../../../src/db/export-data.ts";
import { programmes, slackInstallations } from "../../../src/db/schema.ts";
import { runWith } from "../../helpers/cli.ts";
import {
  answerOAuth,
  grant,
  OAUTH_ENV,
  oauthRedirect,
  startInstall as startInstallPage,
} from "../../helpers/slack-oauth.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const grants = {
  "code-uni": grant({
    token: "xoxb-uni-1111111111-secret-token-uni",
    refreshToken: "xoxe-1-refresh-token-uni-secret",
    botUserId: "U0BOTUNI1",
    team: { id: "T0UNI0001", name: "Northfield University" },
  }),
  "code-grid": grant({
    token: "xoxb-grid-2222222222-secret-token-grid",
    botUserId: "U0BOTGRD1",
    enterprise: { id: "E0HOSP001", name: "Eastbrook Hospitals" },
    installer: "U0ADMIN02",
  }),
};
const secretTokens = Object.values(grants).flatMap((g) => [g.access_token, g.refresh_token].filter(Boolean));

describe("Slack OAuth install into several workspaces", () => {
  let t: TestApp;

  const startInstall = async () => {
    const page = await startInstallPage(t.baseUrl);
    expect(page.status).toBe(200);
    return page;
  };
  const redirect = (code: string, state: string, cookie: string) =>
    oauthRedirect(t.baseUrl, code, state, cookie);
  const rows = () => t.database.db.select().from(slackInstallations);

  beforeAll(async () => {
    t = await startTestApp(OAUTH_ENV);
    answerOAuth(t.slackApi, grants);
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
