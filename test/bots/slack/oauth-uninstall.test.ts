// OAuth installs over their life: behind a proxy (SLACK_REDIRECT_URI), uninstalled or revoked through signed Events API
// requests (the installation is deleted, deliveries stop), and installed again (deliveries resume).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutgoing } from "../../../src/db/outbox-store.ts";
import { chatIdentities, chatWorkspaceStatus, slackInstallations } from "../../../src/db/schema.ts";
import { checkinPromptFor } from "../../helpers/partnerships.ts";
import { seedPerson } from "../../helpers/seed.ts";
import { eventEnvelope, postSlackEvent } from "../../helpers/slack-events.ts";
import {
  answerOAuth,
  grant,
  installThroughRedirect,
  OAUTH_ENV,
  startInstall,
} from "../../helpers/slack-oauth.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";
import { until } from "../../helpers/until.ts";

/** Where Slack sends the admin back when the bot sits behind a gateway that serves it under /collab. */
const REDIRECT_URI = "https://gateway.example.org/collab/slack/oauth_redirect";
const UNI = "T0UNI0001";
const HOSPITAL = "T0HOSP001";
const grants = {
  "code-uni": grant({ token: "xoxb-uni-1-secret", botUserId: "U0BOTUNI1", team: { id: UNI, name: "Uni" } }),
  "code-hospital": grant({
    token: "xoxb-hospital-1-secret",
    botUserId: "U0BOTHSP1",
    team: { id: HOSPITAL, name: "Hospital" },
  }),
};

describe("Slack OAuth installations: redirect URI, uninstall, revocation, reinstall", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const installation = async (key: string) =>
    (await t.database.db.select().from(slackInstallations).where(eq(slackInstallations.installKey, key)))[0];

  beforeAll(async () => {
    t = await startTestApp({ ...OAUTH_ENV, SLACK_REDIRECT_URI: REDIRECT_URI });
    answerOAuth(t.slackApi, grants);
    for (const [name, team] of [
      ["dana", UNI],
      ["erin", HOSPITAL],
    ] as const) {
      ids[name] = await seedPerson(t.database.db, { email: `${name}@example.org`, name });
      await t.database.db.insert(chatIdentities).values({
        personId: ids[name],
        platform: "slack",
        tenantId: team,
        userId: `U0${name.toUpperCase()}`,
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("names SLACK_REDIRECT_URI in the install link and in the code exchange", async () => {
    const page = await startInstall(t.baseUrl);
    expect(page.html).toContain(`redirect_uri=${encodeURIComponent(REDIRECT_URI)}`);
    for (const code of Object.keys(grants)) {
      expect((await installThroughRedirect(t.baseUrl, code)).status).toBe(200);
    }
    const exchanges = t.slackApi.callsTo("oauth.v2.access");
    expect(exchanges.map((call) => call.args.redirect_uri)).toEqual([REDIRECT_URI, REDIRECT_URI]);
  });

  it("app_uninstalled deletes that workspace's installation and stops deliveries there", async () => {
    const uninstalled = eventEnvelope({
      team: UNI,
      eventId: "Ev0OAUTHGONE1",
      event: { type: "app_uninstalled" },
    });
    expect((await postSlackEvent(t.baseUrl, uninstalled)).status).toBe(200);
    await until(async () => (await installation(UNI)) === undefined, "the installation to be deleted");
    expect(await installation(HOSPITAL)).toBeDefined();
    const [dana, erin] = await enqueueOutgoing(t.database.db, [
      checkinPromptFor(ids.dana!, "gone-dana-1"),
      checkinPromptFor(ids.erin!, "gone-erin-1"),
    ]);
    expect(dana).toMatchObject({ status: "unreachable", reason: expect.stringContaining("reinstall it") });
    expect(erin).toMatchObject({ status: "pending" });
    expect(t.logLines.some((line) => line.includes("Slack installation removed"))).toBe(true);
  });

  it("a revoked bot token deletes the installation too; revoked user tokens alone do not", async () => {
    const userOnly = eventEnvelope({
      team: HOSPITAL,
      eventId: "Ev0OAUTHREV1",
      event: { type: "tokens_revoked", tokens: { oauth: ["U0ERIN"], bot: [] } },
    });
    expect((await postSlackEvent(t.baseUrl, userOnly)).status).toBe(200);
    const bot = eventEnvelope({
      team: HOSPITAL,
      eventId: "Ev0OAUTHREV2",
      event: { type: "tokens_revoked", tokens: { oauth: [], bot: ["U0BOTHSP1"] } },
    });
    // The user-token event is handled before the bot one is sent: the installation is still there in between.
    await until(
      async () => t.logLines.some((line) => line.includes("user tokens were revoked")),
      "user tokens",
    );
    expect(await installation(HOSPITAL)).toBeDefined();
    expect((await postSlackEvent(t.baseUrl, bot)).status).toBe(200);
    await until(async () => (await installation(HOSPITAL)) === undefined, "the installation to be deleted");
    const [erin] = await enqueueOutgoing(t.database.db, [checkinPromptFor(ids.erin!, "revoked-erin-1")]);
    expect(erin).toMatchObject({ status: "unreachable", reason: expect.stringContaining("revoked") });
  });

  it("installing again through the redirect resumes deliveries to that workspace", async () => {
    expect((await installThroughRedirect(t.baseUrl, "code-uni")).status).toBe(200);
    const blocked = await t.database.db
      .select()
      .from(chatWorkspaceStatus)
      .where(eq(chatWorkspaceStatus.tenantId, UNI));
    expect(blocked).toEqual([]);
    const [dana] = await enqueueOutgoing(t.database.db, [checkinPromptFor(ids.dana!, "back-dana-1")]);
    expect(dana).toMatchObject({ status: "pending", reason: null });
    await t.app.delivery.drain();
    const posts = t.slackApi.callsTo("chat.postMessage").filter((call) => call.args.channel === "U0DANA");
    expect(posts.map((call) => call.token)).toEqual(["xoxb-uni-1-secret"]);
  });
});
