// Enterprise Grid: one person across the org's workspaces; and each workspace's requests call Slack as that workspace.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatIdentities, people, programmeMembers, programmes } from "../../../src/db/schema.ts";
import { runWith } from "../../helpers/cli.ts";
import { eventEnvelope, postSlackEvent } from "../../helpers/slack-events.ts";
import { postToSlackEndpoint } from "../../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";
import { until } from "../../helpers/until.ts";

const ORG = "E0GRID001";
const WORKSPACE_A = "T0GRIDA01";
const WORKSPACE_B = "T0GRIDB01";
/** Grid user ids (W…) are the same in every workspace of the org. */
const ALICE = "W0ALICE01";

/** A slash command as a Grid workspace sends it: enterprise_id and enterprise_name beside team_id. */
function gridCommand(t: TestApp, fields: { team: string; user: string; text: string; enterprise?: string }) {
  const body = new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: fields.team,
    team_domain: fields.team.toLowerCase(),
    ...(fields.enterprise ? { enterprise_id: fields.enterprise, enterprise_name: "Northfield Health" } : {}),
    channel_id: "C0GRID001",
    channel_name: "research",
    user_id: fields.user,
    user_name: "alice",
    command: "/collab",
    text: fields.text,
    api_app_id: "A0COLLAB01",
    is_enterprise_install: "false",
    response_url: t.slackApi.responseUrl(`${fields.team}-${fields.text}`),
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  }).toString();
  return postToSlackEndpoint(t.baseUrl, body);
}

const homeOpened = (team: string, user: string, eventId: string, enterprise?: string) =>
  eventEnvelope({
    team,
    eventId,
    ...(enterprise ? { enterprise } : {}),
    authorizations: true,
    event: {
      type: "app_home_opened",
      user,
      channel: "D0HOME001",
      tab: "home",
      event_ts: "1700000000.000100",
    },
  });
const deliverEvent = async (baseUrl: string, body: string) => (await postSlackEvent(baseUrl, body)).status;

const replyText = (answer: { json: unknown; text: string }) => JSON.stringify(answer.json ?? answer.text);

describe("Slack Enterprise Grid", () => {
  let t: TestApp;
  let aliceId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const [row] = await t.database.db
      .insert(people)
      .values({ email: "alice@northfield.example", name: "Alice Grid", institution: "Northfield Health" })
      .returning({ id: people.id });
    aliceId = row!.id;
    // Imported from the people CSV with her first workspace's team id, as coordinators do.
    await t.database.db
      .insert(chatIdentities)
      .values({ personId: aliceId, platform: "slack", tenantId: WORKSPACE_A, userId: ALICE });
  });
  afterAll(async () => {
    await t.close();
  });

  const identitiesOf = (userId: string) =>
    t.database.db
      .select()
      .from(chatIdentities)
      .where(and(eq(chatIdentities.platform, "slack"), eq(chatIdentities.userId, userId)));

  it("knows the same person from a second workspace of the org, without making a new one", async () => {
    const fromA = await gridCommand(t, { team: WORKSPACE_A, user: ALICE, text: "resume", enterprise: ORG });
    expect(fromA.status).toBe(200);
    expect(replyText(fromA)).toContain("Welcome back");

    const fromB = await gridCommand(t, { team: WORKSPACE_B, user: ALICE, text: "resume", enterprise: ORG });
    expect(fromB.status).toBe(200);
    expect(replyText(fromB)).toContain("Welcome back");
    expect(replyText(fromB)).not.toContain("don't have a profile");

    const identities = await identitiesOf(ALICE);
    expect(identities.map((i) => i.tenantId).sort()).toEqual([WORKSPACE_A, WORKSPACE_B]);
    expect(new Set(identities.map((i) => i.personId))).toEqual(new Set([aliceId]));
    expect(identities.every((i) => i.organisationId === ORG)).toBe(true);
    expect(await t.database.db.select().from(people)).toHaveLength(1);
  });

  it("links a workspace first seen before the person was known, at its next contact", async () => {
    const bob = "W0BOB0001";
    // Bob writes from workspace B first: nobody knows him yet.
    const stranger = await gridCommand(t, { team: WORKSPACE_B, user: bob, text: "resume", enterprise: ORG });
    expect(replyText(stranger)).toContain("don't have a profile");
    // Then the coordinator's import links him in workspace A, and he is seen there.
    const [row] = await t.database.db
      .insert(people)
      .values({ email: "bob@northfield.example", name: "Bob Grid", institution: "Northfield Health" })
      .returning({ id: people.id });
    await t.database.db
      .insert(chatIdentities)
      .values({ personId: row!.id, platform: "slack", tenantId: WORKSPACE_A, userId: bob });
    await gridCommand(t, { team: WORKSPACE_A, user: bob, text: "resume", enterprise: ORG });

    const again = await gridCommand(t, { team: WORKSPACE_B, user: bob, text: "resume", enterprise: ORG });
    expect(replyText(again)).toContain("Welcome back");
    const identities = await identitiesOf(bob);
    expect(new Set(identities.map((i) => i.personId))).toEqual(new Set([row!.id]));
  });

  it("does not join people of two unrelated workspaces that happen to share a user id", async () => {
    const carol = "U0CAROL01";
    const [row] = await t.database.db
      .insert(people)
      .values({ email: "carol@elsewhere.example", name: "Carol", institution: "Elsewhere" })
      .returning({ id: people.id });
    await t.database.db
      .insert(chatIdentities)
      .values({ personId: row!.id, platform: "slack", tenantId: "T0PLAIN01", userId: carol });
    await gridCommand(t, { team: "T0PLAIN01", user: carol, text: "resume" });
    const other = await gridCommand(t, { team: "T0PLAIN02", user: carol, text: "resume" });
    expect(replyText(other)).toContain("don't have a profile");
  });

  it("shows a programme linked to the org (an org-wide install) from every workspace of the org", async () => {
    const [programme] = await t.database.db.insert(programmes).values({ name: "Grid Network" }).returning();
    await t.database.db
      .insert(programmeMembers)
      .values({ programmeId: programme!.id, personId: aliceId, role: "coordinator" });
    const link = await runWith(t.database, ["programme", "link", `slack:${ORG}`, "Grid Network"]);
    expect(link.code, link.stderr).toBe(0);
    for (const team of [WORKSPACE_A, WORKSPACE_B]) {
      const digest = await gridCommand(t, { team, user: ALICE, text: "digest", enterprise: ORG });
      expect(replyText(digest), team).toContain("Digest: Grid Network");
    }
    // A workspace outside the org does not see it.
    const carol = "U0CAROL02";
    await t.database.db
      .insert(chatIdentities)
      .values({ personId: aliceId, platform: "slack", tenantId: "T0PLAIN09", userId: carol });
    const outside = await gridCommand(t, { team: "T0PLAIN09", user: carol, text: "digest" });
    expect(replyText(outside)).not.toContain("Grid Network");
  });

  it("calls Slack's Web API with each request's own workspace, not the first one seen", async () => {
    const before = t.slackApi.callsTo("views.publish").length;
    const requests: [string, string][] = [
      [WORKSPACE_A, "Ev0GRIDHOMEA"],
      [WORKSPACE_B, "Ev0GRIDHOMEB"],
      [WORKSPACE_A, "Ev0GRIDHOMEA2"],
    ];
    for (const [team, eventId] of requests) {
      expect(await deliverEvent(t.baseUrl, homeOpened(team, ALICE, eventId, ORG))).toBe(200);
      const expected = before + requests.findIndex(([, id]) => id === eventId) + 1;
      await until(
        () => t.slackApi.callsTo("views.publish").length === expected,
        `views.publish for ${eventId}`,
      );
    }
    const published = t.slackApi.callsTo("views.publish").slice(before);
    expect(published.map((call) => call.args.team_id)).toEqual([WORKSPACE_A, WORKSPACE_B, WORKSPACE_A]);
    expect(published.every((call) => call.args.user_id === ALICE)).toBe(true);
  });
});
