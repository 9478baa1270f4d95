// /find-collaborator and intros end to end, through the real Bolt and botbuilder code and the loopback fakes.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findRequests, intros, partnershipMembers, partnerships } from "../../src/db/schema.ts";
import {
  blockActionsPayload,
  cardOf,
  outboxOf,
  postInteraction,
  pressSlackButton,
  seedProfile,
  slackButtons,
  submitActions,
  teamsSay,
  teamsSubmit,
} from "../helpers/collab.ts";
import {
  alice,
  chen,
  postSlashCommand,
  responseUrlAnswer,
  startCollaboratorScenario,
} from "../helpers/collaborator-scenario.ts";
import { postActivity, type TeamsUser, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const eve = { id: "U0EVE0001", name: "eve" };
const dana: TeamsUser = {
  id: "29:1danaTeamsUserId",
  aadObjectId: "00000000-0000-0000-0000-00000000d0d0",
  name: "Dana Reyes",
};

describe("find-collaborator and intros across Slack and Teams", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startCollaboratorScenario(ids, (serviceUrl) => ({
      alice: {
        email: "alice@northfield.example.org",
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        department: "Oncology",
        role: "Consultant medical oncologist",
        expertise: ["breast cancer", "oncology"],
        offers: ["breast cancer cohort access", "patient recruitment"],
        needs: ["biostatistics"],
        slackUserId: alice.id,
      },
      bo: {
        email: "bo@southgate.example.org",
        name: "Bo Okafor",
        institution: "Southgate University",
        department: "Biostatistics",
        role: "Medical statistician",
        expertise: ["biostatistics", "survival analysis"],
        methods: ["cohort studies"],
        offers: ["statistical advice for cohort studies"],
        needs: ["cohort access"],
        teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl },
      },
      chen: {
        email: "chen@eastbridge.example.org",
        name: "Chen Wei",
        institution: "Eastbridge College",
        department: "Medical Statistics",
        role: "Senior statistician",
        expertise: ["biostatistics"],
        methods: ["survival analysis", "R"],
        offers: ["survival analysis"],
        needs: ["patient recruitment"],
        slackUserId: chen.id,
      },
      dana: {
        email: "dana@westmoor.example.org",
        name: "Dana Reyes",
        institution: "Westmoor Hospital",
        role: "Clinical research nurse",
        expertise: ["lung cancer", "patient recruitment"],
        offers: ["patient recruitment"],
        needs: ["qualitative research"],
        teams: { aadObjectId: dana.aadObjectId, serviceUrl },
      },
      eve: {
        email: "eve@northfield-uni.example.org",
        name: "Eve Lindqvist",
        institution: "Northfield University",
        department: "Health Sciences",
        role: "Qualitative researcher",
        expertise: ["qualitative research", "patient experience"],
        methods: ["semi-structured interviews", "thematic analysis"],
        offers: ["qualitative interviews"],
        slackUserId: eve.id,
      },
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  let asked = 0;
  /** /find-collaborator acks at once; its answer is posted to the response_url. */
  const slackFind = async (user: { id: string; name: string }, text: string) => {
    const id = `find-${user.id}-${++asked}`;
    const response = await postSlashCommand(t, user, "/find-collaborator", text, id);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    return responseUrlAnswer(t, id);
  };

  const clickSlack = async (
    user: { id: string; name: string },
    button: { action_id: string; value?: string },
    container: { channelId: string; messageTs: string; ephemeral?: boolean },
  ) => {
    const respondId = `click-${Math.random().toString(36).slice(2)}`;
    const response = await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user,
        actionId: button.action_id,
        value: button.value ?? "",
        responseUrl: t.slackApi.responseUrl(respondId),
        container,
      }),
    );
    expect(response.status).toBe(200);
    // Bolt acks first and answers through response_url (or chat.update) after.
    return vi.waitFor(() => {
      const calls = t.slackApi.calls.filter((c) => c.method === "response_url" && c.args._id === respondId);
      if (calls.length === 0) throw new Error("no answer yet");
      return calls;
    });
  };

  const teamsReplies = (from: number) => t.connector.calls.slice(from).filter((c) => c.kind !== "update");

  it("a Slack user gets up to five people, each with a mention or name, institution, reason and Request intro", async () => {
    const reply = await slackFind(alice, "biostatistician for a breast cancer cohort study");
    expect(reply.response_type).toBe("ephemeral");
    const shown = JSON.stringify(reply.blocks);
    // Chen is on Slack in the same workspace: a mention; Bo is on Teams: named, with the institution.
    expect(shown).toContain(`<@${chen.id}>`);
    expect(shown).toContain("Bo Okafor");
    expect(shown).toContain("Southgate University");
    expect(shown).toMatch(/statistician at Southgate University/i);
    expect(shown).not.toContain("Alice Moreau");
    const buttons = slackButtons(reply.blocks).filter((b) => b.action_id === "intro.request");
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons.length).toBeLessThanOrEqual(5);
    for (const button of buttons) expect(button.value!.length).toBeLessThan(60);
    expect(shown).not.toContain("<@U0ALICE01>");
  });

  it("Slack → Teams: the requester asks for an intro, the candidate accepts on Teams, a partnership exists", async () => {
    const reply = await slackFind(alice, "biostatistician for a breast cancer cohort study");
    const toBo = slackButtons(reply.blocks).find(
      (b) => b.action_id === "intro.request" && b.value!.startsWith(ids.bo!),
    )!;
    expect(toBo).toBeDefined();
    const answered = await clickSlack(alice, toBo, {
      channelId: "C0GENERAL1",
      messageTs: "1700000000.000100",
      ephemeral: true,
    });
    expect(JSON.stringify(answered.at(-1)?.args)).toContain("Intro requested");

    const [intro] = await t.database.db.select().from(intros).where(eq(intros.candidateId, ids.bo!));
    expect(intro).toMatchObject({
      status: "pending",
      requesterId: ids.alice,
      need: "biostatistician for a breast cancer cohort study",
    });
    const days = (intro!.expiresAt.getTime() - intro!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);

    // The request goes to Bo on Teams (his platform), with Alice's profile summary, the need, Accept and Decline.
    const before = t.connector.calls.length;
    await t.app.delivery.drain();
    const sent = teamsReplies(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${teamsUserBob.aadObjectId}`);
    const card = cardOf(sent[0]!.activity);
    const text = JSON.stringify(card);
    expect(text).toContain("Alice Moreau");
    expect(text).toContain("Northfield Royal Infirmary");
    expect(text).toContain("breast cancer cohort access");
    expect(text).toContain("biostatistician for a breast cancer cohort study");
    const actions = submitActions(card);
    expect(actions.map((a) => a.title)).toEqual(["Accept", "Decline"]);

    const [row] = await outboxOf(t.database.db, "intro.request");
    expect(row!.status).toBe("sent");
    const accept = actions.find((a) => a.title === "Accept")!;
    const beforeAccept = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, teamsUserBob, accept.data, row!.platformMessageId!),
    );
    expect(response.status).toBe(200);
    // The card that held the buttons is replaced in place.
    const update = t.connector.calls.slice(beforeAccept).find((c) => c.kind === "update");
    expect(update?.activityId).toBe(row!.platformMessageId);
    expect(JSON.stringify(update?.activity)).toContain("You accepted");

    const [accepted] = await t.database.db.select().from(intros).where(eq(intros.id, intro!.id));
    expect(accepted!.status).toBe("accepted");
    const [partnership] = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.id, accepted!.partnershipId!));
    expect(partnership).toMatchObject({
      status: "active",
      cadence: "fortnightly",
      weekday: 2,
      localHour: 10,
      introId: intro!.id,
    });
    const members = await t.database.db
      .select()
      .from(partnershipMembers)
      .where(eq(partnershipMembers.partnershipId, partnership!.id));
    expect(members.map((m) => m.personId).sort()).toEqual([ids.alice, ids.bo].sort());

    // Each is introduced on their own platform, naming the other and how to reach them.
    const slackBefore = t.slackApi.callsTo("chat.postMessage").length;
    const teamsBefore = t.connector.calls.length;
    await t.app.delivery.drain();
    const toAlice = t.slackApi.callsTo("chat.postMessage").slice(slackBefore);
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]!.args.channel).toBe(alice.id);
    expect(JSON.stringify(toAlice[0]!.args)).toContain("bo@southgate.example.org");
    expect(JSON.stringify(toAlice[0]!.args)).toContain("Teams");
    const introToBo = teamsReplies(teamsBefore);
    expect(introToBo).toHaveLength(1);
    expect(JSON.stringify(introToBo[0]!.activity)).toContain("alice@northfield.example.org");

    // Partners are no longer suggested to each other.
    const after = await slackFind(alice, "biostatistician for a breast cancer cohort study");
    expect(JSON.stringify(after.blocks)).not.toContain("Bo Okafor");
  });

  const teamsFind = async (from: TeamsUser, need: string) => {
    const before = t.connector.calls.length;
    const response = await teamsSay(t.baseUrl, t.connector.serviceUrl, from, `find-collaborator ${need}`);
    expect(response.status).toBe(200);
    const replies = teamsReplies(before);
    expect(replies).toHaveLength(1);
    return cardOf(replies[0]!.activity);
  };

  const teamsClick = async (from: TeamsUser, data: Record<string, unknown>, replyToId?: string) => {
    const before = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, from, data, replyToId),
    );
    expect(response.status).toBe(200);
    return t.connector.calls.slice(before);
  };

  /** The candidate's delivered request on Slack: its buttons and where it is, to press them. */
  const deliveredSlackRequest = async (candidateId: string) => {
    await t.app.delivery.drain();
    const rows = (await outboxOf(t.database.db, "intro.request")).filter((r) => r.personId === candidateId);
    const row = rows.at(-1)!;
    expect(row.status).toBe("sent");
    expect(row.platform).toBe("slack");
    // The post that made this row's message (others to the same person, such as an earlier test's introduction,
    // may be delivered in the same drain).
    const posted = t.slackApi
      .callsTo("chat.postMessage")
      .find((c) => c.args.channel === row.platformChannelId && c.answer?.ts === row.platformMessageId)!;
    return {
      buttons: slackButtons(JSON.parse(String(posted.args.blocks))),
      text: String(posted.args.blocks),
      container: { channelId: row.platformChannelId!, messageTs: row.platformMessageId! },
    };
  };

  /** What an accepted intro made: its partnerships and the introduction messages queued for both people. */
  const madeBy = async (introId: string) => ({
    partnerships: await t.database.db.select().from(partnerships).where(eq(partnerships.introId, introId)),
    introductions: (await outboxOf(t.database.db, "intro.introduction")).filter((r) =>
      r.dedupeKey?.startsWith(`intro.introduction:${introId}:`),
    ),
  });

  const waitForCall = (method: string, count: number) =>
    vi.waitFor(() => {
      const calls = t.slackApi.callsTo(method);
      if (calls.length < count) throw new Error(`waiting for ${method}`);
      return calls;
    });

  it("Teams → Slack: a Teams user asks, requests an intro, the candidate accepts on Slack", async () => {
    const card = await teamsFind(dana, "qualitative researcher for patient interviews");
    const shown = JSON.stringify(card);
    expect(shown).toContain("Eve Lindqvist");
    expect(shown).toContain("Northfield University");
    expect(shown).toMatch(/Qualitative researcher at Northfield University/);
    const request = submitActions(card).find((a) => a.data.value?.startsWith(ids.eve!))!;
    expect(request.data.actionId).toBe("intro.request");
    const answer = await teamsClick(dana, request.data, "activity-suggestions");
    expect(JSON.stringify(answer.map((c) => c.activity))).toContain("Intro requested");

    const delivered = await deliveredSlackRequest(ids.eve!);
    expect(delivered.text).toContain("Dana Reyes");
    expect(delivered.text).toContain("qualitative researcher for patient interviews");
    const accept = delivered.buttons.find((b) => b.action_id === "intro.accept")!;
    const updates = t.slackApi.callsTo("chat.update").length;
    await clickSlackNoRespond(eve, accept, delivered.container);
    const [update] = (await waitForCall("chat.update", updates + 1)).slice(updates);
    expect(update!.args.channel).toBe(delivered.container.channelId);
    expect(update!.args.ts).toBe(delivered.container.messageTs);
    expect(String(update!.args.blocks)).toContain("You accepted");

    const [intro] = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids.dana!), eq(intros.candidateId, ids.eve!)));
    expect(intro!.status).toBe("accepted");
    const members = await t.database.db
      .select()
      .from(partnershipMembers)
      .where(eq(partnershipMembers.partnershipId, intro!.partnershipId!));
    expect(members.map((m) => m.personId).sort()).toEqual([ids.dana, ids.eve].sort());

    const teamsBefore = t.connector.calls.length;
    await t.app.delivery.drain();
    const toDana = teamsReplies(teamsBefore);
    expect(toDana).toHaveLength(1);
    expect(JSON.stringify(toDana[0]!.activity)).toContain("Eve Lindqvist");
    expect(JSON.stringify(toDana[0]!.activity)).toContain("eve@northfield-uni.example.org");
  });

  const clickSlackNoRespond = async (
    user: { id: string; name: string },
    button: { action_id: string; value?: string },
    container: { channelId: string; messageTs: string },
  ) => {
    expect((await pressSlackButton(t, user, button, container)).status).toBe(200);
  };

  it("decline: the candidate's card says so in place and the requester is told kindly, without reasons", async () => {
    const reply = await slackFind(alice, "survival analysis statistician");
    const toChen = slackButtons(reply.blocks).find((b) => b.value?.startsWith(ids.chen!))!;
    await clickSlack(alice, toChen, {
      channelId: "C0GENERAL1",
      messageTs: "1700000000.000200",
      ephemeral: true,
    });
    const delivered = await deliveredSlackRequest(ids.chen!);
    const decline = delivered.buttons.find((b) => b.action_id === "intro.decline")!;
    const updates = t.slackApi.callsTo("chat.update").length;
    await clickSlackNoRespond(chen, decline, delivered.container);
    const [update] = (await waitForCall("chat.update", updates + 1)).slice(updates);
    expect(String(update!.args.blocks)).toContain("You declined");

    const [intro] = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids.alice!), eq(intros.candidateId, ids.chen!)));
    expect(intro!.status).toBe("declined");
    expect(intro!.partnershipId).toBeNull();
    const posts = t.slackApi.callsTo("chat.postMessage").length;
    await t.app.delivery.drain();
    const [note] = t.slackApi.callsTo("chat.postMessage").slice(posts);
    expect(note!.args.channel).toBe(alice.id);
    expect(String(note!.args.text)).toContain("can't take this on right now");
    expect(String(note!.args.blocks)).not.toMatch(/because|reason/i);

    // Pressing Decline again changes nothing and sends nothing more.
    await clickSlackNoRespond(chen, decline, delivered.container);
    await waitForCall("chat.update", updates + 2);
    await t.app.delivery.drain();
    expect(await outboxOf(t.database.db, "intro.declined")).toHaveLength(1);
  });

  it("clicking Request intro twice sends one request; Accept twice makes one partnership", async () => {
    // Alice offers patient recruitment and works on breast cancer: she is the one shown for this need.
    const reply = await slackFind(chen, "patient recruitment for a breast cancer study");
    const toAlice = slackButtons(reply.blocks).find((b) => b.value?.startsWith(ids.alice!))!;
    expect(toAlice).toBeDefined();
    const container = { channelId: "C0GENERAL1", messageTs: "1700000000.000300", ephemeral: true };
    const first = await clickSlack(chen, toAlice, container);
    const second = await clickSlack(chen, toAlice, container);
    expect(JSON.stringify(first.at(-1)!.args)).toContain("Intro requested");
    // The second click is told what the first recorded, and when.
    expect(JSON.stringify(second.at(-1)!.args)).toContain("Recorded on");
    const pending = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids.chen!), eq(intros.candidateId, ids.alice!)));
    expect(pending).toHaveLength(1);
    const requests = (await outboxOf(t.database.db, "intro.request")).filter((r) => r.personId === ids.alice);
    expect(requests).toHaveLength(1);

    const delivered = await deliveredSlackRequest(ids.alice!);
    const accept = delivered.buttons.find((b) => b.action_id === "intro.accept")!;
    const updates = t.slackApi.callsTo("chat.update").length;
    await clickSlackNoRespond(alice, accept, delivered.container);
    await clickSlackNoRespond(alice, accept, delivered.container);
    const done = (await waitForCall("chat.update", updates + 2)).slice(updates);
    // The first click accepts; the second is told what was recorded, and when.
    const shown = done.map((update) => String(update.args.blocks));
    expect(shown.some((text) => text.includes("You accepted"))).toBe(true);
    expect(
      shown.some((text) => text.includes("Recorded on") && text.includes("you accepted the intro")),
    ).toBe(true);
    const made = await madeBy(pending[0]!.id);
    expect(made.partnerships).toHaveLength(1);
    expect(made.introductions).toHaveLength(2);
  });

  it("two clicks at the same moment make one request, and two Accepts at once one partnership", async () => {
    const card = await teamsFind(dana, "survival analysis statistician");
    const toChen = submitActions(card).find((a) => a.data.value?.startsWith(ids.chen!))!;
    await Promise.all([teamsClick(dana, toChen.data), teamsClick(dana, toChen.data)]);
    const rows = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids.dana!), eq(intros.candidateId, ids.chen!)));
    expect(rows).toHaveLength(1);
    expect(
      (await outboxOf(t.database.db, "intro.request")).filter((r) => r.personId === ids.chen),
    ).toHaveLength(
      2, // Alice's earlier (declined) request and this one
    );
    const delivered = await deliveredSlackRequest(ids.chen!);
    const accept = delivered.buttons.find((b) => b.action_id === "intro.accept")!;
    const updates = t.slackApi.callsTo("chat.update").length;
    await Promise.all([
      clickSlackNoRespond(chen, accept, delivered.container),
      clickSlackNoRespond(chen, accept, delivered.container),
    ]);
    await waitForCall("chat.update", updates + 2);
    const made = await madeBy(rows[0]!.id);
    expect(made.partnerships).toHaveLength(1);
    expect(made.introductions).toHaveLength(2);
  });

  it("an unanswered intro expires after a week, the requester is told once, and a late Accept says so", async () => {
    const card = await teamsFind(teamsUserBob, "qualitative interviews with patients");
    const toEve = submitActions(card).find((a) => a.data.value?.startsWith(ids.eve!))!;
    await teamsClick(teamsUserBob, toEve.data);
    const [intro] = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids.bo!), eq(intros.candidateId, ids.eve!)));
    expect(intro!.status).toBe("pending");
    const delivered = await deliveredSlackRequest(ids.eve!);

    const job = t.app.jobs.find((j) => j.name === "intro-expiry")!;
    expect(job.cron).toBe("*/15 * * * *");
    const early = await job.run(new Date(intro!.createdAt.getTime() + 6 * 86_400_000));
    expect(early.counts?.expired).toBe(0);
    const later = new Date(intro!.createdAt.getTime() + 8 * 86_400_000);
    expect((await job.run(later)).counts?.expired).toBe(1);
    expect((await job.run(new Date(later.getTime() + 15 * 60_000))).counts?.expired).toBe(0);
    const [expired] = await t.database.db.select().from(intros).where(eq(intros.id, intro!.id));
    expect(expired!.status).toBe("expired");
    const notes = await outboxOf(t.database.db, "intro.expired");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.personId).toBe(ids.bo);
    const before = t.connector.calls.length;
    await t.app.delivery.drain();
    const toBo = teamsReplies(before);
    expect(toBo).toHaveLength(1);
    expect(JSON.stringify(toBo[0]!.activity)).toContain("had no answer within a week");

    const updates = t.slackApi.callsTo("chat.update").length;
    const accept = delivered.buttons.find((b) => b.action_id === "intro.accept")!;
    await clickSlackNoRespond(eve, accept, delivered.container);
    const [update] = (await waitForCall("chat.update", updates + 1)).slice(updates);
    expect(String(update!.args.blocks)).toContain("expired");
    expect(
      await t.database.db.select().from(partnerships).where(eq(partnerships.introId, intro!.id)),
    ).toHaveLength(0);
  });

  it.each([
    ["empty", ""],
    ["over 1,000 characters", "statistician ".repeat(80)],
  ])("an %s need gets a short explanation of how to ask, on Slack and Teams", async (_name, need) => {
    const reply = await slackFind(alice, need);
    expect(reply.text).toMatch(/in a sentence/);
    expect(JSON.stringify(reply.blocks)).toContain("/find-collaborator biostatistician for a breast cancer");
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, dana, `find-collaborator ${need}`);
    const shown = JSON.stringify(teamsReplies(before).map((c) => c.activity));
    expect(shown).toMatch(/in a sentence/);
    expect(shown).not.toContain("Request intro");
  });

  it("a need whose ask nobody has says 'No strong match' and shows the closest people, each still explained", async () => {
    const reply = await slackFind(
      eve,
      "coral reef ecology and ocean acidification for a breast cancer cohort",
    );
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("No strong match");
    expect(shown).toContain("No strong match for “coral reef ecology and ocean acidification");
    expect(shown).toContain("closest people");
    expect(shown).not.toContain("People who could help");
    // The closest people are those who share the context (breast cancer, cohort), with what matched.
    expect(shown).toContain(`<@${alice.id}>`);
    expect(shown).toMatch(/offers breast cancer cohort access/);
    expect(slackButtons(reply.blocks).filter((b) => b.action_id === "intro.request").length).toBeGreaterThan(
      0,
    );
  });

  it("a need that shares nothing meaningful with anyone gets nobody and a hint, never padding", async () => {
    for (const need of ["a marine biologist who studies coral reefs", "someone interested in data"]) {
      const reply = await slackFind(alice, need);
      const shown = JSON.stringify(reply.blocks);
      expect(shown, need).toContain("I found nobody for");
      expect(
        slackButtons(reply.blocks).filter((b) => b.action_id === "intro.request"),
        need,
      ).toHaveLength(0);
    }
  });

  it("a strong match keeps the usual heading, not 'No strong match'", async () => {
    const reply = await slackFind(eve, "medical statistician for survival analysis");
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("People who could help");
    expect(shown).not.toContain("No strong match");
  });

  it("a need that may identify a patient is refused, and neither stored nor logged", async () => {
    const lines = t.logLines.length;
    const reply = await slackFind(alice, "statistician to re-analyse MRN 1234567 and similar records");
    expect(reply.text).toContain("may identify a patient");
    expect(JSON.stringify(reply.blocks)).not.toContain("1234567");
    const stored = await t.database.db.select().from(findRequests);
    expect(stored.some((r) => r.need.includes("1234567"))).toBe(false);
    expect(t.logLines.slice(lines).join("\n")).not.toContain("1234567");
  });

  it("someone the directory no longer knows (erased elsewhere) is never shown", async () => {
    const ghost = await seedProfile(t.database.db, {
      email: "ghost@example.org",
      name: "Gale Ghost",
      institution: "Nowhere Institute",
      role: "Health economist",
      expertise: ["health economics", "cost-effectiveness analysis"],
      offers: ["health economic modelling"],
    });
    const first = await slackFind(alice, "health economist for a cost-effectiveness analysis");
    expect(JSON.stringify(first.blocks)).toContain("Gale Ghost");
    const { forgetPerson } = await import("../../src/db/forget-person.ts");
    await forgetPerson(t.database.db, "ghost@example.org");
    const second = await slackFind(alice, "health economist for a cost-effectiveness analysis");
    expect(JSON.stringify(second.blocks)).not.toContain("Gale Ghost");
    expect(ghost).toBeTruthy();
  });
});
