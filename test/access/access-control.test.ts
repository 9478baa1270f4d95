// Access control end to end: every role checked on the server for commands and forged buttons, admins granting
// roles from chat (audited), and programmes seen only from the Slack workspaces and Teams tenants linked to them.
import { and, eq, getTableName } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REFUSALS, type Role } from "../../src/core/access/access.ts";
import { DIGEST_NUDGE_ACTION } from "../../src/core/digest/build-digest.ts";
import { NOT_A_COORDINATOR } from "../../src/core/digest/create-digest-feature.ts";
import { FOLLOW_UP_DONE } from "../../src/core/mentoring/mentoring-messages.ts";
import type { Db } from "../../src/db/client.ts";
import { schemaTables } from "../../src/db/export-data.ts";
import {
  auditLog,
  chatIdentities,
  mentorships,
  outbox,
  partnershipMembers,
  partnerships,
  people,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { runWith } from "../helpers/cli.ts";
import { createTestClock } from "../helpers/clocked-app.ts";
import { blockActionsPayload, collabSlash, postInteraction, teamsSay } from "../helpers/collab.ts";
import { seedPerson } from "../helpers/seed.ts";
import { TEAMS_TENANT_ID, type TeamsUser } from "../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const carolOnTeams: TeamsUser = { id: "29:carol", aadObjectId: "aad-carol", name: "Carol Hughes" };

describe("access control", () => {
  // Monday morning: the scheduled digests are due (created-at and sent-at both use this clock).
  const clock = createTestClock("2026-12-07T09:30:00Z");
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const slash = async (userId: string, text: string) => {
    const response = await collabSlash(t, userId, text);
    expect(response.status).toBe(200);
    return JSON.stringify(response.json);
  };

  /** Presses a button (forged or not) and returns the answer Slack gets at the message's response_url. */
  const press = async (userId: string, actionId: string, value: string) => {
    const id = `${userId}-press`;
    const answers = () => t.slackApi.calls.filter((c) => c.method === "response_url" && c.args._id === id);
    const before = answers().length;
    const response = await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user: { id: userId, name: userId },
        actionId,
        value,
        responseUrl: t.slackApi.responseUrl(id),
        container: { channelId: "D0DM", messageTs: "1700000000.000100" },
      }),
    );
    expect(response.status).toBe(200);
    return vi.waitFor(() => {
      const answer = answers()[before];
      if (!answer) throw new Error("no answer at the response_url yet");
      return JSON.stringify(answer.args);
    });
  };

  const teamsSays = async (text: string) => {
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, carolOnTeams, text);
    return JSON.stringify(t.connector.calls.slice(before));
  };

  /** Rows per table, leaving out what any contact writes (the chat identity, its last-seen time) and the log. */
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of schemaTables()) {
      const name = getTableName(table);
      if (["chat_identities", "audit_log", "slack_events"].includes(name)) continue;
      counts[name] = (await db.select().from(table)).length;
    }
    return counts;
  };

  const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    db = t.database.db;
    const [onco] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    ids.onco = onco!.id;
    const slackPerson = async (key: string) =>
      seedPerson(db, { email: `${key}@uni.org`, name: key, slackUserId: `U0${key.toUpperCase()}` });
    ids.carol = await slackPerson("carol");
    await db.insert(chatIdentities).values({
      personId: ids.carol,
      platform: "teams",
      tenantId: TEAMS_TENANT_ID,
      userId: carolOnTeams.aadObjectId,
    });
    for (const key of ["ana", "ben", "mallory", "adam"]) ids[key] = await slackPerson(key);
    await db.update(people).set({ isAdmin: true }).where(eq(people.id, ids.adam!));
    await db.insert(programmeMembers).values([
      { programmeId: ids.onco, personId: ids.carol, role: "coordinator" },
      { programmeId: ids.onco, personId: ids.ana!, role: "member" },
      { programmeId: ids.onco, personId: ids.ben!, role: "member" },
    ]);
    const [p] = await db
      .insert(partnerships)
      .values({ title: "Cohort study", programmeId: ids.onco, cadence: "weekly" })
      .returning();
    ids.p = p!.id;
    await db.insert(partnershipMembers).values([
      { partnershipId: ids.p, personId: ids.ana! },
      { partnershipId: ids.p, personId: ids.ben! },
    ]);
    const [m] = await db
      .insert(mentorships)
      .values({ mentorId: ids.ben!, menteeId: ids.ana!, programmeId: ids.onco })
      .returning();
    ids.mentorship = m!.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it("checks each command's role on the server and refuses the rest kindly, without naming any programme", async () => {
    const cases: [who: string, text: string, allowed: boolean, refusal: string][] = [
      ["U0CAROL", "digest", true, NOT_A_COORDINATOR],
      ["U0ANA", "digest", false, NOT_A_COORDINATOR],
      ["U0MALLORY", "digest settings", false, NOT_A_COORDINATOR],
      // An admin is not a coordinator: reading a programme's digest takes the coordinator role, which is audited.
      ["U0ADAM", "digest", false, NOT_A_COORDINATOR],
      ["U0ANA", "mentor add ana@uni.org ben@uni.org", false, "only a programme coordinator"],
      ["U0ADAM", "role list", true, REFUSALS.admin],
      ["U0CAROL", "role list", false, REFUSALS.admin],
      ["U0ANA", "role grant admin ana@uni.org", false, REFUSALS.admin],
      ["U0STRANGER", "partnerships", false, REFUSALS.member],
    ];
    for (const [who, text, allowed, refusal] of cases) {
      const answer = await slash(who, text);
      if (allowed) expect(answer, `${who} ${text}`).not.toContain(refusal.slice(0, 30));
      else {
        expect(answer, `${who} ${text}`).toContain(refusal.slice(0, 30));
        expect(answer).not.toMatch(/Oncology|Cohort/);
      }
    }
    expect(await slash("U0CAROL", "digest")).toContain("Digest: Oncology Network");
    expect(await slash("U0ADAM", "role list")).toContain(
      "Coordinator of Oncology Network: carol (carol@uni.org)",
    );
    expect(await audits("role.grant")).toHaveLength(0);
  });

  it("a stranger pressing any guarded button or typing any guarded command is refused and changes nothing", async () => {
    const before = await rowCounts();
    const guardedActions = t.app.core.actions().filter((a) => a.access !== "anyone");
    const guardedCommands = t.app.core.commands().filter((c) => c.access !== "anyone");
    expect(guardedActions.length).toBeGreaterThan(10);
    for (const action of guardedActions) {
      const actionId = /[.:]$/.test(action.actionId) ? `${action.actionId}done` : action.actionId;
      const answer = await press("U0STRANGER", actionId, ids.p!);
      expect(answer, actionId).toContain((action.refusal ?? REFUSALS[action.access as Role]).slice(0, 30));
    }
    for (const command of guardedCommands) {
      const answer = await slash("U0STRANGER", command.name);
      expect(answer, command.name).toContain(
        (command.refusal ?? REFUSALS[command.access as Role]).slice(0, 30),
      );
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses forged buttons: a member's nudge, a non-mentor's follow-up, and changes nothing", async () => {
    const nudge = await press("U0ANA", DIGEST_NUDGE_ACTION, ids.p!);
    expect(nudge).toContain("only the coordinator of this partnership's programme can nudge it");
    expect(await db.select().from(outbox).where(eq(outbox.kind, "digest.nudge"))).toHaveLength(0);

    const followUp = await press("U0ANA", FOLLOW_UP_DONE, ids.mentorship!);
    expect(followUp).toContain("Only the mentor can answer this prompt.");
    const [m] = await db.select().from(mentorships).where(eq(mentorships.id, ids.mentorship!));
    expect(m!.nextFollowUpAt).toBeNull();

    const coordinatorNudge = await press("U0CAROL", DIGEST_NUDGE_ACTION, ids.p!);
    expect(coordinatorNudge).toContain("Nudged 2 members of Cohort study.");
  });

  it("lets an admin grant and revoke the coordinator role from chat, each change audited without bodies", async () => {
    expect(await slash("U0ADAM", "role grant coordinator ana@uni.org oncology network")).toContain(
      "ana is now a coordinator of Oncology Network.",
    );
    expect(await slash("U0ANA", "digest")).toContain("Digest: Oncology Network");
    expect(await slash("U0ADAM", "role grant coordinator ana@uni.org Oncology Network")).toContain(
      "is a coordinator of Oncology Network already",
    );
    expect(await slash("U0ADAM", "role grant coordinator nobody@uni.org Oncology Network")).toContain(
      "No one with the email nobody@uni.org",
    );
    expect(await slash("U0ADAM", "role grant coordinator ana@uni.org Cardiology")).toContain(
      "There is no programme called “Cardiology” here.",
    );
    expect(await slash("U0ADAM", "role revoke coordinator ana@uni.org Oncology Network")).toContain(
      "ana is no longer a coordinator of Oncology Network.",
    );
    expect(await slash("U0ANA", "digest")).toContain(NOT_A_COORDINATOR.slice(0, 30));
    expect(await slash("U0ADAM", "role revoke admin adam@uni.org")).toContain("That is the last admin");
    expect(await slash("U0ADAM", "role give ana")).toContain("role grant coordinator");

    const grants = await audits("role.grant");
    const revokes = await audits("role.revoke");
    expect(grants).toMatchObject([
      {
        actor: ids.adam,
        platform: "slack",
        subject: ids.ana,
        details: { role: "coordinator", programmeId: ids.onco },
      },
    ]);
    expect(revokes).toMatchObject([{ actor: ids.adam, platform: "slack", subject: ids.ana }]);
  });

  it("shows a programme only from the workspaces and tenants linked to it", async () => {
    // No links: the one-organisation default, visible from Slack and Teams alike.
    expect(await teamsSays("digest")).toContain("Digest: Oncology Network");

    const link = await runWith(t.database, [
      "programme",
      "link",
      `slack:${FAKE_TEAM_ID}`,
      "Oncology",
      "Network",
    ]);
    expect(link).toMatchObject({ code: 0 });
    expect(link.stdout).toContain(`Oncology Network: linked to slack:${FAKE_TEAM_ID}.`);

    // The same coordinator, from the hospital's Teams tenant: refused, and nothing about the programme shows.
    const fromTeams = await teamsSays("digest");
    expect(fromTeams).toContain("only for programme coordinators");
    expect(fromTeams).not.toMatch(/Oncology|Cohort/);
    const listed = await teamsSays("partnerships");
    expect(listed).not.toContain("Cohort study");
    // Its members too see it only from a linked workspace: Ben on Teams does not, Ana on Slack does.
    const benOnTeams: TeamsUser = { id: "29:ben", aadObjectId: "aad-ben-list", name: "ben" };
    await db.insert(chatIdentities).values({
      personId: ids.ben!,
      platform: "teams",
      tenantId: TEAMS_TENANT_ID,
      userId: benOnTeams.aadObjectId,
    });
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, benOnTeams, "partnerships");
    const benSees = JSON.stringify(t.connector.calls.slice(before));
    expect(benSees).toContain("You are not in a partnership yet.");
    expect(benSees).not.toContain("Cohort study");
    expect(await slash("U0ANA", "partnerships")).toContain("Cohort study");
    expect(await slash("U0CAROL", "digest")).toContain("Digest: Oncology Network");

    expect(
      await runWith(t.database, ["programme", "link", `teams:${TEAMS_TENANT_ID}`, "Oncology Network"]),
    ).toMatchObject({ code: 0 });
    expect(await teamsSays("digest")).toContain("Digest: Oncology Network");

    // The scheduled digest goes only through a linked workspace, though Carol last talked to the bot on Teams.
    await runWith(t.database, ["programme", "unlink", `teams:${TEAMS_TENANT_ID}`, "Oncology Network"]);
    const teamsBefore = t.connector.calls.length;
    const digests = t.app.jobs.find((j) => j.name === "digests")!;
    const run = await digests.run(clock.now());
    expect(run.counts).toMatchObject({ sent: 1 });
    await t.app.delivery.drain();
    const [sent] = await db.select().from(outbox).where(eq(outbox.kind, "digest"));
    expect(sent).toMatchObject({ platform: "slack", status: "sent" });
    expect(JSON.stringify(t.connector.calls.slice(teamsBefore))).not.toContain("Oncology");

    // A check-in prompt is about the programme too: Ben last talked to the bot on Teams, but gets it on Slack.
    await db.insert(chatIdentities).values({
      personId: ids.ben!,
      platform: "teams",
      tenantId: TEAMS_TENANT_ID,
      userId: "aad-ben",
      conversationRef: { conversation: { id: "a:ben" }, serviceUrl: t.connector.serviceUrl },
      lastSeenAt: clock.now(),
    });
    clock.set("2026-12-08T10:30:00Z"); // Tuesday 10:30 in London: the weekly check-in is due
    await t.app.jobs.find((j) => j.name === "checkins")!.run(clock.now());
    const prompts = await db.select().from(outbox).where(eq(outbox.kind, "checkin.prompt"));
    expect(prompts.map((p) => [p.personId === ids.ben ? "ben" : "ana", p.platform]).sort()).toEqual([
      ["ana", "slack"],
      ["ben", "slack"],
    ]);

    await runWith(t.database, ["programme", "link", `teams:${TEAMS_TENANT_ID}`, "Oncology Network"]);

    const list = await runWith(t.database, ["programme", "list"]);
    expect(list.stdout).toContain(`Oncology Network\tslack:${FAKE_TEAM_ID} teams:${TEAMS_TENANT_ID}`);
    const linkAudits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "programme.link"), eq(auditLog.actor, "cli")));
    expect(linkAudits).toHaveLength(3);
  });

  it("the CLI grants, revokes and lists roles, and says what is wrong in one line", async () => {
    expect(await runWith(t.database, ["role", "grant", "admin", "carol@uni.org"])).toMatchObject({
      code: 0,
      stdout: "carol: now admin.\n",
    });
    const list = await runWith(t.database, ["role", "list"]);
    expect(list.stdout).toContain("admin\tcarol@uni.org\tcarol");
    expect(list.stdout).toContain("coordinator\tcarol@uni.org\tcarol\tOncology Network");
    expect(await runWith(t.database, ["role", "revoke", "admin", "carol@uni.org"])).toMatchObject({
      code: 0,
    });
    const lastAdmin = await runWith(t.database, ["role", "revoke", "admin", "adam@uni.org"]);
    expect(lastAdmin).toMatchObject({ code: 2 });
    expect(lastAdmin.stderr).toContain("adam@uni.org is the last admin");

    const badRole = await runWith(t.database, ["role", "grant", "owner", "carol@uni.org"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unknown role "owner"');
    const noProgramme = await runWith(t.database, ["role", "grant", "coordinator", "ana@uni.org"]);
    expect(noProgramme).toMatchObject({ code: 2 });
    expect(noProgramme.stderr).toContain("Name the programme");
    const badLink = await runWith(t.database, ["programme", "link", "T0123", "Oncology Network"]);
    expect(badLink.code).toBe(2);
    expect(badLink.stderr).toContain("slack:<team id");
    const cliAudits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, "cli"), eq(auditLog.action, "role.grant")));
    expect(cliAudits).toHaveLength(1);
  });
});
