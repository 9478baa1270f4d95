// One programme across two OAuth-installed Slack workspaces (one a Grid org) and a Teams tenant: the real check-ins
// job reaches each member with their own workspace's token; an expired rotating token is refreshed before sending.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatIdentities, checkinPrompts, programmes, slackInstallations } from "../../../src/db/schema.ts";
import { createSecretBox } from "../../../src/db/secret-box.ts";
import { createSlackInstallationStore } from "../../../src/db/slack-installation-store.ts";
import { runWith } from "../../helpers/cli.ts";
import { createTestClock, runJobBetween } from "../../helpers/clocked-app.ts";
import { seedPartnership } from "../../helpers/partnerships.ts";
import { seedBobOnTeams } from "../../helpers/programme-people.ts";
import { seedPerson } from "../../helpers/seed.ts";
import { answerOAuth, grant, installThroughRedirect, OAUTH_ENV } from "../../helpers/slack-oauth.ts";
import { TEAMS_TENANT_ID, teamsUserBob } from "../../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const MINUTE = 60_000;
const UNI = { id: "T0UNI0001", name: "Northfield University" };
const HOSPITALS = { id: "E0HOSP001", name: "Eastbrook Hospitals" };
/** A workspace of the Eastbrook Grid organisation: it has no install of its own, the org-wide one serves it. */
const HOSPITAL_WORKSPACE = "T0HOSPWS1";
const TOKENS = {
  uni: "xoxb-uni-1111111111-secret-token-uni",
  uniRefresh: "xoxe-1-refresh-token-uni-secret",
  uniRotated: "xoxb-uni-3333333333-rotated-token-uni",
  uniRefreshRotated: "xoxe-1-refresh-token-uni-rotated",
  hospitals: "xoxb-grid-2222222222-secret-token-grid",
};
const grants = {
  "code-uni": grant({
    token: TOKENS.uni,
    refreshToken: TOKENS.uniRefresh,
    botUserId: "U0BOTUNI1",
    team: UNI,
  }),
  "code-grid": grant({ token: TOKENS.hospitals, botUserId: "U0BOTGRD1", enterprise: HOSPITALS }),
};
const refreshed = {
  [TOKENS.uniRefresh]: {
    ok: true,
    app_id: "A0COLLAB01",
    scope: "commands,chat:write,im:write,users:read",
    token_type: "bot",
    access_token: TOKENS.uniRotated,
    refresh_token: TOKENS.uniRefreshRotated,
    expires_in: 43_200,
    bot_user_id: "U0BOTUNI1",
    team: UNI,
    enterprise: null,
    is_enterprise_install: false,
  },
};

describe("check-ins across two installed Slack workspaces and a Teams tenant", () => {
  // Partnership check-ins are on Tuesdays at 10:00 in each member's time zone (all in London here).
  const clock = createTestClock("2026-11-23T12:00:00Z");
  let t: TestApp;
  const ids: Record<string, string> = {};

  /** The check-ins job through the scheduler, each quarter hour of Tuesday morning, then the outbox drained. */
  const runCheckinsOn = (tuesday: string) =>
    runJobBetween(t, clock, "checkins", { from: `${tuesday}T09:30:00Z`, to: `${tuesday}T10:30:00Z` });
  const postsTo = (channel: string) =>
    t.slackApi.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);

  beforeAll(async () => {
    t = await startTestApp(OAUTH_ENV, { clock });
    answerOAuth(t.slackApi, grants, refreshed);
    for (const code of Object.keys(grants)) {
      const installed = await installThroughRedirect(t.baseUrl, code);
      expect(installed.status, code).toBe(200);
    }
    const db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    for (const link of [`slack:${UNI.id}`, `slack:${HOSPITALS.id}`, `teams:${TEAMS_TENANT_ID}`]) {
      const run = await runWith(t.database, ["programme", "link", link, "Oncology Network"]);
      expect(run.code, run.stderr).toBe(0);
    }
    ids.amara = await seedPerson(db, { email: "amara@northfield.ac.uk", name: "Amara Diallo" });
    await db
      .insert(chatIdentities)
      .values({ personId: ids.amara, platform: "slack", tenantId: UNI.id, userId: "U0AMARA01" });
    ids.samir = await seedPerson(db, { email: "samir@eastbrook.nhs.uk", name: "Samir Patel" });
    await db.insert(chatIdentities).values({
      personId: ids.samir,
      platform: "slack",
      tenantId: HOSPITAL_WORKSPACE,
      organisationId: HOSPITALS.id,
      userId: "W0SAMIR01",
    });
    ids.bob = await seedBobOnTeams(db, t.connector.serviceUrl);
    await seedPartnership(db, {
      title: "Tumour board audit",
      members: [ids.amara, ids.samir, ids.bob],
      programmeId: programme!.id,
      startedAt: "2026-11-01T00:00:00Z",
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("prompts each member through the check-ins job, each Slack workspace with its own token", async () => {
    await runCheckinsOn("2026-11-24");

    const amara = postsTo("U0AMARA01");
    const samir = postsTo("W0SAMIR01");
    expect(amara).toHaveLength(1);
    expect(samir).toHaveLength(1);
    expect(amara[0]!.token).toBe(TOKENS.uni);
    expect(samir[0]!.token).toBe(TOKENS.hospitals);
    expect(JSON.stringify(amara[0]!.args)).toContain("Tumour board audit");
    const bobsCards = t.connector.calls.filter(
      (call) =>
        (call.kind === "send" || call.kind === "reply") &&
        call.conversationId === `a:personal-${teamsUserBob.aadObjectId}`,
    );
    expect(bobsCards).toHaveLength(1);
    const prompts = await t.database.db.select().from(checkinPrompts);
    expect(prompts.map((p) => p.personId).sort()).toEqual([ids.amara, ids.bob, ids.samir].sort());
  });

  it("refreshes an expired rotating token before the next week's prompt and stores the new one sealed", async () => {
    // The university's token expired (Slack's rotating tokens live 12 hours).
    await t.database.db
      .update(slackInstallations)
      .set({ botTokenExpiresAt: new Date(Date.now() - 60 * MINUTE) })
      .where(eq(slackInstallations.installKey, UNI.id));

    await runCheckinsOn("2026-12-01");

    const refreshes = t.slackApi
      .callsTo("oauth.v2.access")
      .filter((call) => call.args.grant_type === "refresh_token");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.args.refresh_token).toBe(TOKENS.uniRefresh);
    const amara = postsTo("U0AMARA01");
    expect(amara).toHaveLength(2);
    expect(amara[1]!.token).toBe(TOKENS.uniRotated);
    expect(postsTo("W0SAMIR01")[1]!.token).toBe(TOKENS.hospitals);

    const store = createSlackInstallationStore(
      t.database.db,
      createSecretBox(t.config.slack!.oauth!.encryptionKey),
    );
    const stored = await store.find({ teamId: UNI.id });
    expect(stored).toMatchObject({ botToken: TOKENS.uniRotated, botRefreshToken: TOKENS.uniRefreshRotated });
    expect(stored!.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    const rows = JSON.stringify(await t.database.db.select().from(slackInstallations));
    for (const token of Object.values(TOKENS)) expect(rows).not.toContain(token);
    for (const token of Object.values(TOKENS)) expect(t.logLines.join("\n")).not.toContain(token);
  });
});
