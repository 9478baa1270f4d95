// Warm-path intros: the co-author asked for an intro is told whom to introduce (Slack, Teams, terminal); accepting
// passes the request on to that person, and their accepting makes the partnership of requester and target.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { intros, partnershipMembers, partnerships, people } from "../../src/db/schema.ts";
import { fixture, runWith } from "../helpers/cli.ts";
import {
  cardOf,
  outboxOf,
  pressSlackButton,
  slackButtons,
  submitActions,
  teamsSay,
  teamsSubmit,
} from "../helpers/collab.ts";
import {
  alice,
  postSlashCommand,
  responseUrlAnswer,
  startCollaboratorScenario,
} from "../helpers/collaborator-scenario.ts";
import { openChat } from "../helpers/console-chat.ts";
import { postActivity, type TeamsUser, teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const adaSlack = { id: "U0ADA0001", name: "ada" };
const chenTeams: TeamsUser = {
  id: "29:1chenTeamsUserId",
  aadObjectId: "00000000-0000-4000-8000-0000000c4e01",
  name: "Chen Wei",
};
const teoTeams: TeamsUser = {
  id: "29:1teoTeamsUserId",
  aadObjectId: "00000000-0000-4000-8000-00000007e001",
  name: "Teo Tan",
};
const NEED = "Bayesian survival analysis";
const ASKS_ALICE = "asks you to introduce them to Chen Wei — you've written papers with both.";

describe("warm-path intros name whom to introduce, and lead to that intro", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  /** Presses a Teams card button as `user`, through the real /api/messages; the bot answers 200. */
  async function pressOnTeams(user: TeamsUser, data: Parameters<typeof teamsSubmit>[2], messageId: string) {
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, user, data, messageId),
    );
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startCollaboratorScenario(ids, (serviceUrl) => ({
      alice: {
        email: "alice@northfield.example.org",
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        role: "Consultant medical oncologist",
        expertise: ["breast cancer"],
        slackUserId: alice.id,
        // Alice also uses Teams: one profile, either door.
        teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl },
      },
      // Three co-authors of both Alice and Chen, one on each door: Slack, Teams and only the terminal.
      ada: {
        email: "ada.okafor@northfield.example.org",
        name: "Ada Okafor",
        institution: "Harbour University Hospital",
        role: "Consultant in emergency medicine",
        expertise: ["emergency medicine"],
        slackUserId: adaSlack.id,
      },
      teo: {
        email: "teo.tan@harbour.example.org",
        name: "Teo Tan",
        institution: "Harbour University",
        role: "Epidemiologist",
        expertise: ["cohort studies"],
        teams: { aadObjectId: teoTeams.aadObjectId, serviceUrl },
      },
      ines: {
        email: "ines.silva@westmoor.example.org",
        name: "Ines Silva",
        institution: "Westmoor Hospital",
        role: "Clinical nurse specialist",
        expertise: ["shared decision making"],
      },
      chen: {
        email: "chen.wei@eastbridge.example.org",
        name: "Chen Wei",
        institution: "Riverside University",
        role: "Medical statistician",
        methods: ["survival analysis", "Bayesian statistics"],
        teams: { aadObjectId: chenTeams.aadObjectId, serviceUrl },
      },
    }));
    for (const file of ["publications/medline.txt", "publications/warm-paths.txt"]) {
      expect((await runWith(t.database, ["import", "publications", fixture(file)])).code).toBe(0);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** Only this co-author is a path (the others turned publications off), so the offer asks them. */
  const onlyPath = async (key: "ada" | "teo" | "ines") => {
    for (const other of ["ada", "teo", "ines"]) {
      await t.database.db
        .update(people)
        .set({ publicationsOff: other !== key, updatedAt: sql`clock_timestamp()` })
        .where(eq(people.id, ids[other]!));
    }
  };

  let sent = 0;
  const slackFind = async () => {
    const id = `warm-${++sent}`;
    expect((await postSlashCommand(t, alice, "/find-collaborator", NEED, id)).status).toBe(200);
    return (await responseUrlAnswer(t, id)).blocks;
  };
  const slackAsk = async (via: string) => {
    const blocks = await slackFind();
    const ask = slackButtons(blocks).find((b) =>
      b.text.text.startsWith(`Ask ${via} (co-author of both) to introduce you to Chen Wei`),
    );
    expect(ask).toBeDefined();
    return ask!;
  };
  const pendingAsk = (via: string) =>
    vi.waitFor(async () => {
      const [row] = await t.database.db
        .select()
        .from(intros)
        .where(
          and(eq(intros.requesterId, ids.alice!), eq(intros.candidateId, via), eq(intros.status, "pending")),
        );
      expect(row).toBeDefined();
      return row!;
    });
  /** Delivers what is queued: what went to a Slack user (posts' args), and to a Teams user (activities). */
  const deliver = async () => {
    const [slackBefore, teamsBefore] = [
      t.slackApi.callsTo("chat.postMessage").length,
      t.connector.calls.length,
    ];
    await t.app.delivery.drain();
    const posts = t.slackApi.callsTo("chat.postMessage").slice(slackBefore);
    const activities = t.connector.calls.slice(teamsBefore).filter((c) => c.kind !== "update");
    return {
      slackTo: (user: { id: string }) => posts.filter((c) => c.args.channel === user.id),
      teamsTo: (user: TeamsUser) =>
        activities.filter((c) => c.conversationId === `a:personal-${user.aadObjectId}`),
      /** Everything Alice received, on either door (her messages go to the one she used last). */
      toAlice: () =>
        JSON.stringify([
          ...posts.filter((c) => c.args.channel === alice.id).map((c) => c.args),
          ...activities
            .filter((c) => c.conversationId === `a:personal-${teamsUserBob.aadObjectId}`)
            .map((c) => c.activity),
        ]),
    };
  };
  /** The newest outbox row of this kind to this person, delivered on Teams. */
  const sentOnTeams = async (kind: string, personId: string) => {
    const row = (await outboxOf(t.database.db, kind)).filter((r) => r.personId === personId).at(-1)!;
    expect(row).toMatchObject({ status: "sent", platform: "teams" });
    return row;
  };

  it("Teams: Alice asks Teo on Teams; Teo's card says whom to introduce; Teo declines and Alice hears it kindly", async () => {
    await onlyPath("teo");
    const before = t.connector.calls.length;
    expect(
      (await teamsSay(t.baseUrl, t.connector.serviceUrl, teamsUserBob, `find-collaborator ${NEED}`)).status,
    ).toBe(200);
    const answer = t.connector.calls.slice(before).find((c) => c.kind !== "update")!;
    const ask = submitActions(cardOf(answer.activity)).find((a) =>
      a.title.startsWith("Ask Teo Tan (co-author of both) to introduce you to Chen Wei"),
    );
    expect(ask).toBeDefined();
    expect(
      (await postActivity(t.baseUrl, teamsSubmit(t.connector.serviceUrl, teamsUserBob, ask!.data))).status,
    ).toBe(200);
    const asked = await pendingAsk(ids.teo!);
    expect(asked.targetId).toBe(ids.chen);

    const delivered = await deliver();
    const row = await sentOnTeams("intro.request", ids.teo!);
    const card = cardOf(delivered.teamsTo(teoTeams)[0]!.activity);
    const shown = JSON.stringify(card);
    expect(shown).toContain(`Alice Moreau ${ASKS_ALICE}`);
    expect(shown).toContain(NEED);
    const decline = submitActions(card).find((a) => a.title === "Decline")!;
    const beforeDecline = t.connector.calls.length;
    await pressOnTeams(teoTeams, decline.data, row.platformMessageId!);
    const update = t.connector.calls.slice(beforeDecline).find((c) => c.kind === "update");
    expect(JSON.stringify(update?.activity)).toContain("You declined");
    const [declined] = await t.database.db.select().from(intros).where(eq(intros.id, asked.id));
    expect(declined!.status).toBe("declined");
    // Alice hears Teo can't introduce her to Chen, and that she may still ask Chen directly.
    expect((await deliver()).toAlice()).toContain("can't introduce you to Chen Wei right now");
  });

  it("terminal: Ines, in the terminal only, reads whom to introduce and accepts; Chen gets the request on Teams, passed on by Ines, and declines", async () => {
    // Ines's terminal chat is her delivery target once she has opened it.
    const first = openChat(t.database, "ines.silva@westmoor.example.org");
    await first.waitFor("`quit` to leave.");
    expect((await first.close()).code).toBe(0);

    await onlyPath("ines");
    await pressSlackButton(t, alice, await slackAsk("Ines Silva"), {
      channelId: "D0ALICE01",
      messageTs: "1700000000.000300",
    });
    const asked = await pendingAsk(ids.ines!);
    expect(asked.targetId).toBe(ids.chen);

    const ines = openChat(t.database, "ines.silva@westmoor.example.org");
    const request = await ines.waitFor(/\[\d+\] Decline/);
    expect(request).toContain(`Alice Moreau (Northfield Royal Infirmary) ${ASKS_ALICE}`);
    const accept = /\[(\d+)\] Accept/.exec(request)?.[1];
    ines.type(accept ?? "1");
    const card = await ines.waitFor("(updated)\nIntro request\n=============\nYou accepted");
    expect(card).toBeDefined();
    await ines.waitFor("saying it comes through you.");
    expect((await ines.close()).code).toBe(0);

    const [passed] = await t.database.db.select().from(intros).where(eq(intros.id, asked.id));
    expect(passed).toMatchObject({ status: "accepted", partnershipId: null });
    const [onward] = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.candidateId, ids.chen!), eq(intros.status, "pending")));
    expect(onward).toMatchObject({ requesterId: ids.alice, introducedBy: ids.ines, need: NEED });

    const delivered = await deliver();
    expect(delivered.toAlice()).toContain("agreed to introduce you to Chen Wei");
    const row = await sentOnTeams("intro.request", ids.chen!);
    const toChen = cardOf(delivered.teamsTo(chenTeams)[0]!.activity);
    expect(JSON.stringify(toChen)).toContain("would like an introduction, passed on by");
    expect(JSON.stringify(toChen)).toContain("Ines Silva");
    const decline = submitActions(toChen).find((a) => a.title === "Decline")!;
    await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, chenTeams, decline.data, row.platformMessageId!),
    );
    const [declined] = await t.database.db.select().from(intros).where(eq(intros.id, onward!.id));
    expect(declined!.status).toBe("declined");
  });

  it("Slack: Ada reads whom to introduce and accepts; Chen accepts on Teams; Alice and Chen are partners, not Ada", async () => {
    await onlyPath("ada");
    await pressSlackButton(t, alice, await slackAsk("Ada Okafor"), {
      channelId: "D0ALICE01",
      messageTs: "1700000000.000400",
    });
    const asked = await pendingAsk(ids.ada!);
    expect(asked.targetId).toBe(ids.chen);

    const [post] = (await deliver()).slackTo(adaSlack);
    expect(post).toBeDefined();
    expect(post!.args.text).toBe(`Alice Moreau ${ASKS_ALICE}`);
    const blocks = JSON.parse(String(post!.args.blocks)) as unknown[];
    expect(JSON.stringify(blocks)).toContain(`<@${alice.id}> ${ASKS_ALICE}`);
    const accept = slackButtons(blocks).find((b) => b.action_id === "intro.accept")!;
    const updates = t.slackApi.callsTo("chat.update").length;
    expect(
      (
        await pressSlackButton(t, adaSlack, accept, {
          channelId: String(post!.args.channel),
          messageTs: String(post!.answer?.ts),
        })
      ).status,
    ).toBe(200);
    await vi.waitFor(() => {
      const update = t.slackApi.callsTo("chat.update").slice(updates)[0];
      expect(JSON.stringify(update?.args)).toContain("passed on the request of");
    });

    // Ada only introduces: her ask is accepted without a partnership; Alice's request goes on to Chen.
    const [passed] = await t.database.db.select().from(intros).where(eq(intros.id, asked.id));
    expect(passed).toMatchObject({ status: "accepted", partnershipId: null });
    const [onward] = await t.database.db
      .select()
      .from(intros)
      .where(and(eq(intros.candidateId, ids.chen!), eq(intros.status, "pending")));
    expect(onward).toMatchObject({ requesterId: ids.alice, introducedBy: ids.ada });

    const delivered = await deliver();
    expect(delivered.toAlice()).toContain("agreed to introduce you to Chen Wei");
    const row = await sentOnTeams("intro.request", ids.chen!);
    const card = cardOf(delivered.teamsTo(chenTeams)[0]!.activity);
    expect(JSON.stringify(card)).toContain("Ada Okafor");
    const acceptOnTeams = submitActions(card).find((a) => a.title === "Accept")!;
    await pressOnTeams(chenTeams, acceptOnTeams.data, row.platformMessageId!);

    const [accepted] = await t.database.db.select().from(intros).where(eq(intros.id, onward!.id));
    expect(accepted!.status).toBe("accepted");
    const members = await t.database.db
      .select()
      .from(partnershipMembers)
      .where(eq(partnershipMembers.partnershipId, accepted!.partnershipId!));
    expect(members.map((m) => m.personId).sort()).toEqual([ids.alice, ids.chen].sort());
    const withAda = await t.database.db
      .select()
      .from(partnershipMembers)
      .where(eq(partnershipMembers.personId, ids.ada!));
    expect(withAda).toHaveLength(0);
    expect(await t.database.db.select().from(partnerships)).toHaveLength(1);
    // The introduction says who introduced them.
    expect((await deliver()).toAlice()).toContain("(introduced by");
  });
});
