// The optional users.profile:read scope through the real OAuth install: /slack/install asks for it in `scope` with the
// required ones (Slack offers it as optional from the app's bot_optional); a workspace that granted it has its
// members' "Out of office" statuses read as days away, one that declined it installs and is prompted as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatIdentities, slackInstallations } from "../../../src/db/schema.ts";
import { createTestClock, runJobBetween } from "../../helpers/clocked-app.ts";
import { seedPartnership } from "../../helpers/partnerships.ts";
import { seedPerson } from "../../helpers/seed.ts";
import {
  answerOAuth,
  grant,
  installThroughRedirect,
  OAUTH_ENV,
  startInstall,
} from "../../helpers/slack-oauth.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const GRANTED = { id: "T0UNI0001", name: "Northfield University" };
const DECLINED = { id: "T0HOSP001", name: "Eastbrook Hospital" };
const TOKENS = {
  granted: "xoxb-uni-1111111111-secret-token-uni",
  declined: "xoxb-hosp-2222222222-secret-token-hosp",
};
const REQUIRED = "commands,chat:write,im:write,users:read";
const grants = {
  // oauth.v2.access's `scope` names what the installer granted: the optional scope, or not.
  "code-granted": {
    ...grant({ token: TOKENS.granted, botUserId: "U0BOTUNI1", team: GRANTED }),
    scope: `${REQUIRED},users.profile:read`,
  },
  "code-declined": grant({ token: TOKENS.declined, botUserId: "U0BOTHSP1", team: DECLINED }),
};
const MISSING_SCOPE = { ok: false, error: "missing_scope", needed: "users.profile:read", provided: REQUIRED };
// Tuesday 24 November 2026, 10:00 in London: the weekly prompt's slot; Alice's status ends Friday 27.
const SLOT = Date.parse("2026-11-24T10:00:00Z");

/** The authorize link on the Add to Slack page, as the browser follows it. */
function authorizeUrl(html: string): URL {
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1];
  expect(href, "the Add to Slack link").toBeTruthy();
  return new URL(href!.replaceAll("&amp;", "&"));
}

describe("Slack OAuth installs and the optional users.profile:read scope", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z");
  let t: TestApp;

  const postsTo = (user: string) =>
    t.slackApi.callsTo("chat.postMessage").filter((call) => call.args.channel === user);

  beforeAll(async () => {
    t = await startTestApp(OAUTH_ENV, { clock });
    answerOAuth(t.slackApi, grants);
    // users.profile.get as Slack answers it: with the declined workspace's token, missing_scope.
    t.slackApi.answer("users.profile.get", (args) => {
      if (args.user === "U0DAN0001" || args.user === "U0EVE0001") return MISSING_SCOPE;
      return args.user === "U0ALICE01"
        ? {
            ok: true,
            profile: {
              real_name: "Alice Moreau",
              status_text: "Out of office",
              status_emoji: ":palm_tree:",
              status_expiration: Math.floor((SLOT + 72 * 3_600_000) / 1000),
            },
          }
        : {
            ok: true,
            profile: { real_name: "Someone", status_text: "", status_emoji: "", status_expiration: 0 },
          };
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("asks for the required bot scopes and the optional one in the authorize link's scope", async () => {
    const page = await startInstall(t.baseUrl);
    expect(page.status).toBe(200);
    const url = authorizeUrl(page.html);
    expect(url.origin + url.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(url.searchParams.get("scope")).toBe(`${REQUIRED},users.profile:read`);
    expect(url.searchParams.get("client_id")).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
    expect(url.searchParams.get("state")).toBe(page.state);
    // Bot scopes only: no user token is asked for.
    expect(url.searchParams.has("user_scope")).toBe(false);
  });

  it("installs a workspace that granted the optional scope and one that declined it", async () => {
    for (const code of Object.keys(grants)) {
      const installed = await installThroughRedirect(t.baseUrl, code);
      expect(installed.status, code).toBe(200);
      expect(installed.text).toContain("Collab is now installed in");
    }
    const rows = await t.database.db.select().from(slackInstallations);
    const scopes = Object.fromEntries(rows.map((r) => [r.installKey, [...r.botScopes].sort()]));
    expect(scopes[GRANTED.id]).toContain("users.profile:read");
    expect(scopes[DECLINED.id]).toEqual(REQUIRED.split(",").sort());
  });

  it("reads statuses where granted, and prompts the declined workspace as before, saying so once", async () => {
    const db = t.database.db;
    const person = async (email: string, name: string, teamId: string, userId: string) => {
      const id = await seedPerson(db, { email, name, timezone: "Europe/London" });
      await db.insert(chatIdentities).values({ personId: id, platform: "slack", tenantId: teamId, userId });
      return id;
    };
    const alice = await person("alice@northfield.ac.uk", "Alice Moreau", GRANTED.id, "U0ALICE01");
    const carol = await person("carol@northfield.ac.uk", "Carol Singh", GRANTED.id, "U0CAROL01");
    const dan = await person("dan@eastbrook.nhs.uk", "Dan Okoro", DECLINED.id, "U0DAN0001");
    const eve = await person("eve@eastbrook.nhs.uk", "Eve Lindqvist", DECLINED.id, "U0EVE0001");
    await seedPartnership(db, {
      title: "Cohort study",
      members: [alice, carol],
      startedAt: "2026-11-01T00:00:00Z",
    });
    await seedPartnership(db, {
      title: "Ward audit",
      members: [dan, eve],
      startedAt: "2026-11-01T00:00:00Z",
    });

    await runJobBetween(t, clock, "checkins", { from: "2026-11-24T09:30:00Z", to: "2026-11-24T10:30:00Z" });

    // Granted: Alice is out of office, so no prompt; Carol gets hers with her workspace's token.
    expect(postsTo("U0ALICE01")).toHaveLength(0);
    expect(postsTo("U0CAROL01").map((c) => c.token)).toEqual([TOKENS.granted]);
    // Declined: Slack answered missing_scope to that workspace's token, and both prompts went as before.
    const declinedReads = t.slackApi
      .callsTo("users.profile.get")
      .filter((c) => c.args.user === "U0DAN0001" || c.args.user === "U0EVE0001");
    expect(declinedReads.length).toBeGreaterThan(0);
    expect(new Set(declinedReads.map((c) => c.token))).toEqual(new Set([TOKENS.declined]));
    expect(postsTo("U0DAN0001").map((c) => c.token)).toEqual([TOKENS.declined]);
    expect(postsTo("U0EVE0001").map((c) => c.token)).toEqual([TOKENS.declined]);
    const told = t.logLines.filter((l) => l.includes("users.profile:read") && JSON.parse(l).level >= 30);
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!)).toMatchObject({ level: 30, tenantId: DECLINED.id });
  });
});

describe("SLACK_OPTIONAL_SCOPES", () => {
  it("set empty, the authorize link asks for the required bot scopes only", async () => {
    const t = await startTestApp({ ...OAUTH_ENV, SLACK_OPTIONAL_SCOPES: "" });
    try {
      const page = await startInstall(t.baseUrl);
      expect(authorizeUrl(page.html).searchParams.get("scope")).toBe(REQUIRED);
    } finally {
      await t.close();
    }
  });
});
