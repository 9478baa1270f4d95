// "Did you meet?" end to end: a week after accepted intros the meet-asks job asks both people at their local hour
// (Slack and Teams through the real bots and the loopback fakes); each answer's effect, the pair lowered in
// suggestions after "Not a good fit", "Not yet" asked once more, and the coordinator's intro funnel.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { intros, meetAsks, outbox, partnerships, programmeMembers, programmes } from "../../src/db/schema.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import {
  cardOf,
  collabSlash,
  pressSlackButton,
  seedProfile,
  slackButtons,
  submitActions,
  teamsSubmit,
} from "../helpers/collab.ts";
import { postSlashCommand, responseUrlAnswer } from "../helpers/collaborator-scenario.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedCora } from "../helpers/programme-people.ts";
import { postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const alice = { id: "U0ALICE01", name: "alice" };
const dee = { id: "U0DEE0001", name: "dee" };

describe('"Did you meet?" a week after an intro', () => {
  // Both intros are accepted on a Friday evening in London (14:00 in New York, 11:00 in Los Angeles).
  const clock = createTestClock("2026-11-27T19:00:00Z");
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const job = () => t.app.jobs.find((j) => j.name === "meet-asks")!;
  const runAt = async (iso: string) => (await job().run(new Date(iso))).counts ?? {};
  const asksOf = async (personId: string) =>
    (await db.select().from(outbox).where(eq(outbox.kind, "meet.ask"))).filter(
      (r) => r.personId === personId,
    );
  const pairOf = async (introId: string) => {
    const [intro] = await db.select().from(intros).where(eq(intros.id, introId));
    const [row] = await db.select().from(partnerships).where(eq(partnerships.id, intro!.partnershipId!));
    return row!;
  };

  /** Delivers what is due at `iso`; returns the Slack posts and Teams sends it made. */
  async function deliverAt(iso: string) {
    clock.set(iso);
    const [slackBefore, teamsBefore] = [
      t.slackApi.callsTo("chat.postMessage").length,
      t.connector.calls.length,
    ];
    await t.app.delivery.drain();
    const isAsk = (shown: unknown) => JSON.stringify(shown).includes("Did you meet");
    return {
      slack: t.slackApi
        .callsTo("chat.postMessage")
        .slice(slackBefore)
        .filter((c) => isAsk(c.args)),
      teams: t.connector.calls
        .slice(teamsBefore)
        .filter((c) => (c.kind === "send" || c.kind === "reply") && isAsk(c.activity)),
    };
  }

  /** The ask's outbox row of this person and partnership round, as delivered. */
  async function askRow(personId: string, introId: string, round: number) {
    const pair = await pairOf(introId);
    const [ask] = await db
      .select()
      .from(meetAsks)
      .where(
        and(eq(meetAsks.partnershipId, pair.id), eq(meetAsks.personId, personId), eq(meetAsks.round, round)),
      );
    return ask!;
  }

  /** Presses a Slack button of a delivered message; the card is replaced in place (chat.update). */
  async function pressOnSlack(user: { id: string; name: string }, actionId: string, askId: string) {
    const [row] = (await db.select().from(outbox)).filter((r) => r.dedupeKey === `meet.ask:${askId}`);
    const updates = t.slackApi.callsTo("chat.update").length;
    const response = await pressSlackButton(
      t,
      user,
      { action_id: actionId, value: askId },
      { channelId: row!.platformChannelId!, messageTs: row!.platformMessageId! },
    );
    expect(response.status).toBe(200);
    return vi.waitFor(() => {
      const made = t.slackApi.callsTo("chat.update").slice(updates);
      if (made.length === 0) throw new Error("no chat.update yet");
      return String(made[0]!.args.blocks);
    });
  }

  /** Bob presses a button of his Teams card; returns what the bot sent back (the updated card, or a reply). */
  async function pressOnTeams(actionId: string, askId: string) {
    const before = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, teamsUserBob, { actionId, value: askId }, "activity-ask"),
    );
    expect(response.status).toBe(200);
    return JSON.stringify(t.connector.calls.slice(before).map((c) => c.activity));
  }

  let asked = 0;
  async function aliceFinds(need: string): Promise<string[]> {
    const id = `find-${++asked}`;
    expect((await postSlashCommand(t, alice, "/find-collaborator", need, id)).status).toBe(200);
    const reply = await responseUrlAnswer(t, id);
    return slackButtons(reply.blocks)
      .filter((b) => b.action_id.startsWith("intro.request"))
      .map((b) => b.value!.slice(0, 36));
  }

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Cardio Network" }).returning();
    ids.cora = await seedCora(db);
    ids.alice = await seedProfile(db, {
      email: "alice@northfield.example.org",
      name: "Alice Moreau",
      timezone: "Europe/London",
      expertise: ["cardiology", "heart failure"],
      needs: ["biostatistics"],
      slackUserId: alice.id,
    });
    ids.bob = await seedProfile(db, {
      email: "bob@hospital.example.org",
      name: "Bob Okafor",
      institution: "St Mary's Hospital",
      timezone: "America/New_York",
      expertise: ["health economics"],
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    ids.dee = await seedProfile(db, {
      email: "dee@westmoor.example.org",
      name: "Dee Park",
      institution: "Westmoor University",
      timezone: "America/Los_Angeles",
      expertise: ["biostatistics", "survival analysis"],
      methods: ["survival analysis"],
      offers: ["biostatistics", "survival analysis"],
      slackUserId: dee.id,
    });
    ids.evan = await seedProfile(db, {
      email: "evan@eastbridge.example.org",
      name: "Evan Stone",
      institution: "Eastbridge College",
      expertise: ["biostatistics"],
      offers: ["biostatistics"],
      slackUserId: "U0EVAN001",
    });
    await db.insert(programmeMembers).values([
      { programmeId: programme!.id, personId: ids.cora, role: "coordinator" },
      ...[ids.alice, ids.bob, ids.dee, ids.evan].map((personId) => ({
        programmeId: programme!.id,
        personId: personId!,
        role: "member",
      })),
    ]);
    // Two of Alice's intro requests wait for an answer: to Bob (on Teams) and to Dee (on Slack).
    const pending = (candidateId: string, need: string) => ({
      requesterId: ids.alice!,
      candidateId,
      need,
      status: "pending",
      expiresAt: new Date("2026-12-03T12:00:00Z"),
      createdAt: new Date("2026-11-26T12:00:00Z"),
    });
    const [toBob, toDee] = await db
      .insert(intros)
      .values([
        pending(ids.bob, "a health economist for a heart failure trial"),
        pending(ids.dee, "survival analysis for a heart failure cohort"),
      ])
      .returning();
    ids.introBob = toBob!.id;
    ids.introDee = toDee!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it("before any answer, Dee comes first for Alice's survival analysis need", async () => {
    const ranked = await aliceFinds("biostatistics for survival analysis");
    // Dee brings both halves of the need; Evan, with biostatistics alone, falls below the cut-off of who is close
    // enough to show (0.8 of the best) while Dee is there to set it.
    expect(ranked).toEqual([ids.dee]);
  });

  it("accepting an intro (on Teams and on Slack) plans one ask for each of the two, a week later", async () => {
    const accepted = await pressOnTeams("intro.accept", ids.introBob!);
    expect(accepted).toContain("You accepted");
    expect(
      (
        await pressSlackButton(
          t,
          dee,
          { action_id: "intro.accept", value: ids.introDee! },
          { channelId: "D0DEE", messageTs: "1.1" },
        )
      ).status,
    ).toBe(200);
    await vi.waitFor(async () => expect((await pairOf(ids.introDee!)).status).toBe("active"));
    const asks = await db.select().from(meetAsks);
    expect(asks).toHaveLength(4);
    for (const ask of asks) {
      expect(ask).toMatchObject({ round: 1, status: "waiting" });
      expect(ask.dueAt.toISOString()).toBe("2026-12-04T19:00:00.000Z");
    }
    clock.set("2026-11-27T19:01:00Z");
    await deliverAll(t, clock); // the introductions
  });

  it("asks each at 10:00 on their first working day in their own zone, never at night or on the weekend", async () => {
    expect(await runAt("2026-12-04T18:59:00Z")).toMatchObject({ sent: 0 }); // not a week yet
    expect(await runAt("2026-12-04T19:00:00Z")).toMatchObject({ sent: 0 }); // Friday 19:00 London, past 10:00 elsewhere
    expect(await runAt("2026-12-05T10:00:00Z")).toMatchObject({ sent: 0 }); // Saturday
    expect(await runAt("2026-12-07T03:00:00Z")).toMatchObject({ sent: 0 }); // Sunday night in New York
    expect(await runAt("2026-12-07T09:45:00Z")).toMatchObject({ sent: 0 });
    // Monday 10:00 in London: Alice's two asks, once, however many instances run the tick at that instant.
    const runs = await Promise.all([1, 2, 3].map(() => runAt("2026-12-07T10:00:00Z")));
    expect(runs.reduce((n, r) => n + (r.sent ?? 0), 0)).toBe(2);
    expect(await runAt("2026-12-07T10:15:00Z")).toMatchObject({ sent: 0 });
    const { slack } = await deliverAt("2026-12-07T10:00:30Z");
    expect((await asksOf(ids.alice!)).map((r) => r.platform)).toEqual(["slack", "slack"]);
    expect(slack.map((c) => c.args.channel)).toEqual([alice.id, alice.id]);
    const buttons = slackButtons(JSON.parse(String(slack[0]!.args.blocks)));
    expect(buttons.map((b) => b.text.text)).toEqual(["Yes", "Not yet", "Not a good fit"]);
    expect(String(slack[0]!.args.blocks)).toContain("Did you meet?");

    // 10:00 in New York is 15:00 UTC: Bob's ask, on Teams.
    expect(await runAt("2026-12-07T14:45:00Z")).toMatchObject({ sent: 0 });
    expect(await runAt("2026-12-07T15:00:00Z")).toMatchObject({ sent: 1 });
    const { teams } = await deliverAt("2026-12-07T15:00:30Z");
    expect(teams).toHaveLength(1);
    expect(teams[0]!.conversationId).toBe(`a:personal-${teamsUserBob.aadObjectId}`);
    const actions = submitActions(cardOf(teams[0]!.activity));
    expect(actions.map((a) => a.title)).toEqual(["Yes", "Not yet", "Not a good fit"]);
    expect(JSON.stringify(teams[0]!.activity)).toContain("Alice Moreau");
    expect(await asksOf(ids.dee!)).toHaveLength(0); // 07:00 in Los Angeles
  });

  it('"Not a good fit" ends the partnership kindly; Dee is never asked nor told, and is lowered for Alice', async () => {
    const ask = await askRow(ids.alice!, ids.introDee!, 1);
    clock.set("2026-12-07T15:05:00Z");
    const outboxBefore = (await db.select().from(outbox)).length;
    const card = await pressOnSlack(alice, "meet:not-fit", ask.id);
    expect(card).toContain("quietly ended the partnership");
    expect(card).toContain("not told of your answer");
    const pair = await pairOf(ids.introDee!);
    expect(pair.status).toBe("ended");
    expect(pair.metAt).toBeNull();
    // Nothing was written to anyone, and Dee's ask (10:00 in Los Angeles) is dropped, never sent.
    expect((await db.select().from(outbox)).length).toBe(outboxBefore);
    expect((await askRow(ids.dee!, ids.introDee!, 1)).status).toBe("skipped");
    expect(await runAt("2026-12-07T18:00:00Z")).toMatchObject({ sent: 0 });
    expect(await asksOf(ids.dee!)).toHaveLength(0);
    const toDee = (await db.select().from(outbox)).filter((r) => r.personId === ids.dee);
    expect(toDee.map((r) => r.kind)).toEqual(["intro.introduction"]);

    // Dee was first for this need; now Evan comes before her: a lowered person does not set the cut-off.
    const ranked = await aliceFinds("biostatistics for survival analysis");
    expect(ranked[0]).toBe(ids.evan);
    if (ranked.includes(ids.dee!))
      expect(ranked.indexOf(ids.dee!)).toBeGreaterThan(ranked.indexOf(ids.evan!));
  });

  it("only the person asked may answer, and a broken button changes nothing", async () => {
    const alicesAsk = await askRow(ids.alice!, ids.introBob!, 1);
    expect(await pressOnTeams("meet:yes", alicesAsk.id)).toContain("sent to someone else");
    expect(await pressOnTeams("meet:yes", "not-an-ask")).toContain("no longer exists");
    expect((await pairOf(ids.introBob!)).metAt).toBeNull();
    expect((await askRow(ids.alice!, ids.introBob!, 1)).status).toBe("sent");
  });

  it('"Not yet" asks once more a week later, at the local hour again; after that, never', async () => {
    clock.set("2026-12-07T15:10:00Z");
    const aliceCard = await pressOnSlack(
      alice,
      "meet:not-yet",
      (await askRow(ids.alice!, ids.introBob!, 1)).id,
    );
    expect(aliceCard).toContain("I'll ask again on Tue, 15 December 2026");
    clock.set("2026-12-07T15:20:00Z");
    const bobCard = await pressOnTeams("meet:not-yet", (await askRow(ids.bob!, ids.introBob!, 1)).id);
    expect(bobCard).toContain("I'll ask again on Tue, 15 December 2026");
    expect((await askRow(ids.alice!, ids.introBob!, 2)).status).toBe("waiting");

    expect(await runAt("2026-12-14T16:00:00Z")).toMatchObject({ sent: 0 });
    expect(await runAt("2026-12-15T10:00:00Z")).toMatchObject({ sent: 1 }); // Alice, 10:00 London
    expect(await runAt("2026-12-15T15:00:00Z")).toMatchObject({ sent: 1 }); // Bob, 10:00 New York
    const { slack, teams } = await deliverAt("2026-12-15T15:00:30Z");
    expect(String(slack[0]!.args.blocks)).toContain("Did you meet since?");
    expect(JSON.stringify(teams[0]!.activity)).toContain("I won't ask again after this");

    clock.set("2026-12-15T15:10:00Z");
    const again = await pressOnSlack(alice, "meet:not-yet", (await askRow(ids.alice!, ids.introBob!, 2)).id);
    expect(again).toContain("I won't ask again");
    expect(await askRow(ids.alice!, ids.introBob!, 3)).toBeUndefined();
    for (const later of ["2026-12-22T10:00:00Z", "2026-12-22T15:00:00Z", "2026-12-29T10:00:00Z"]) {
      expect(await runAt(later)).toMatchObject({ sent: 0 });
    }
  });

  it('"Yes" marks the partnership as started; pressing again only says what was recorded', async () => {
    clock.set("2026-12-15T15:30:00Z");
    const bobsAsk = await askRow(ids.bob!, ids.introBob!, 2);
    expect(await pressOnTeams("meet:yes", bobsAsk.id)).toContain("marked your partnership as started");
    const pair = await pairOf(ids.introBob!);
    expect(pair.status).toBe("active");
    expect(pair.metAt?.toISOString()).toBe("2026-12-15T15:30:00.000Z");
    const second = await pressOnTeams("meet:not-fit", bobsAsk.id);
    expect(second).toContain("Recorded on");
    expect(second).toContain("you met");
    expect((await pairOf(ids.introBob!)).status).toBe("active");
  });

  it("the coordinator's digest shows intros → meetings → active partnerships for the period", async () => {
    await db
      .update(programmeMembers)
      .set({ lastDigestAt: new Date("2026-11-23T09:00:00Z") })
      .where(eq(programmeMembers.personId, ids.cora!));
    clock.set("2026-12-16T09:00:00Z");
    const digest = await collabSlash(t, "U0CORA001", "digest");
    expect(digest.status).toBe(200);
    const shown = JSON.stringify(digest.json);
    expect(shown).toContain("From intro to partnership");
    expect(shown).toContain("2 introductions → 1 meeting → 1 active partnership");
  });
  it('the other person, answering after a "Not a good fit", is only thanked: nothing says why it ended', async () => {
    const partnershipId = await seedPartnership(db, {
      title: "Bob & Evan",
      members: [ids.bob!, ids.evan!],
      startedAt: "2026-12-09T12:00:00Z",
    });
    await db.insert(meetAsks).values(
      [ids.bob!, ids.evan!].map((personId) => ({
        partnershipId,
        personId,
        dueAt: new Date("2026-12-16T09:00:00Z"),
      })),
    );
    // 15:00 in London, 10:00 in New York: both are asked.
    expect(await runAt("2026-12-16T15:00:00Z")).toMatchObject({ sent: 2 });
    await deliverAt("2026-12-16T15:00:30Z");
    const askOf = async (personId: string) =>
      (await db.select().from(meetAsks).where(eq(meetAsks.partnershipId, partnershipId))).find(
        (a) => a.personId === personId,
      )!;
    clock.set("2026-12-16T15:05:00Z");
    expect(await pressOnTeams("meet:not-fit", (await askOf(ids.bob!)).id)).toContain("quietly ended");
    clock.set("2026-12-16T15:10:00Z");
    const evanSees = await pressOnSlack(
      { id: "U0EVAN001", name: "evan" },
      "meet:yes",
      (await askOf(ids.evan!)).id,
    );
    expect(evanSees).toContain("Thanks for letting me know.");
    expect(evanSees).not.toMatch(/fit|ended|Bob/);
    const [pair] = await db.select().from(partnerships).where(eq(partnerships.id, partnershipId));
    expect(pair!.status).toBe("ended");
  });
});
