// /find-collaborator with publications: MeSH topics of imported papers reveal the right person, with a line saying so.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { intros, people, publicationAuthors, publications } from "../../src/db/schema.ts";
import { fixture, runWith } from "../helpers/cli.ts";
import { cardOf, pressSlackButton, slackButtons, teamsSay } from "../helpers/collab.ts";
import {
  alice,
  postSlashCommand,
  responseUrlAnswer,
  startCollaboratorScenario,
} from "../helpers/collaborator-scenario.ts";
import { openChat } from "../helpers/console-chat.ts";
import { teamsUserBob } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const adaUser = { id: "U0ADA0001", name: "ada" };

describe("matching with publications", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startCollaboratorScenario(ids, (serviceUrl) => ({
      alice: {
        email: "alice@northfield.example.org",
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        role: "Consultant medical oncologist",
        expertise: ["breast cancer"],
        slackUserId: alice.id,
        // Alice also uses Teams (her hospital's): one profile, either door.
        teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl },
      },
      // Two emergency physicians whose typed profiles say the same; only Ada's papers are about sepsis.
      ada: {
        email: "ada.okafor@northfield.example.org",
        name: "Ada Okafor",
        institution: "Harbour University Hospital",
        role: "Consultant in emergency medicine",
        expertise: ["emergency medicine", "triage"],
        slackUserId: adaUser.id,
      },
      chen: {
        email: "chen.wei@eastbridge.example.org",
        name: "Chen Wei",
        institution: "Riverside University",
        role: "Medical statistician",
        methods: ["survival analysis", "Bayesian statistics"],
      },
      zed: {
        email: "zed.harper@eastbridge.example.org",
        name: "Zed Harper",
        institution: "Eastbridge College",
        role: "Consultant in emergency medicine",
        expertise: ["emergency medicine", "triage"],
      },
    }));
    await t.database.db.update(people).set({ orcid: "0000-0002-1825-0097" }).where(eq(people.id, ids.ada!));
  });
  afterAll(async () => {
    await t.close();
  });

  let sent = 0;
  const find = async (need: string) => {
    const id = `pubs-${++sent}`;
    expect((await postSlashCommand(t, alice, "/find-collaborator", need, id)).status).toBe(200);
    return JSON.stringify((await responseUrlAnswer(t, id)).blocks);
  };

  it("only the papers tell who works on sepsis biomarkers, and the reason says how many and when", async () => {
    expect(await find("sepsis biomarkers")).not.toContain("Harbour University Hospital");

    const run = await runWith(t.database, ["import", "publications", fixture("publications/pubmed.xml")]);
    expect(run.code).toBe(0);

    const answer = await find("sepsis biomarkers");
    expect(answer).toContain("Harbour University Hospital");
    expect(answer).not.toContain("Eastbridge College");
    expect(answer).toMatch(/2 papers on (biomarkers and sepsis|sepsis and biomarkers) \(2023–2025\)/);
  });

  it("a person hides a paper with /collab papers: it no longer counts", async () => {
    const response = await postSlashCommand(t, adaUser, "/collab", "papers", "papers-1");
    const listed = response.json as { blocks: unknown[] };
    const shown = JSON.stringify(listed.blocks);
    expect(shown).toContain("Procalcitonin and presepsin as early sepsis biomarkers");
    expect(shown.indexOf("Lactate clearance")).toBeLessThan(shown.indexOf("Procalcitonin"));
    const [, hideOlder] = slackButtons(listed.blocks);
    expect(hideOlder?.action_id).toBe("profile.paper.hide");
    const pressed = await pressSlackButton(t, adaUser, hideOlder!, {
      channelId: "D0ADA0001",
      messageTs: "1700000000.000100",
      ephemeral: true,
    });
    expect(pressed.status).toBe(200);
    // Bolt acks the press first and handles it after: the hidden paper counts out once that has run.
    await vi.waitFor(
      async () =>
        expect(await find("sepsis biomarkers")).toMatch(
          /1 paper on (biomarkers and sepsis|sepsis and biomarkers) \(2025\)/,
        ),
      { timeout: 10_000, interval: 200 },
    );
  });

  it("a person who turns publications off is no longer found by them", async () => {
    await t.database.db
      .update(people)
      .set({ publicationsOff: true, updatedAt: sql`clock_timestamp()` })
      .where(eq(people.id, ids.ada!));
    expect(await find("sepsis biomarkers")).not.toContain("Harbour University Hospital");
  });

  const setPublicationsOff = (key: string, off: boolean) =>
    t.database.db
      .update(people)
      .set({ publicationsOff: off, updatedAt: sql`clock_timestamp()` })
      .where(eq(people.id, ids[key]!));
  const ASK_ADA = "Ask Ada Okafor (co-author of both) to introduce you to Chen Wei";
  const slackFind = async (need: string) => {
    const id = `pubs-${++sent}`;
    await postSlashCommand(t, alice, "/find-collaborator", need, id);
    return (await responseUrlAnswer(t, id)).blocks;
  };

  it("a co-author of a co-author: says who they share and offers to ask them to introduce Chen, on Slack, Teams and the terminal", async () => {
    // MEDLINE: Alice wrote with Ada (39000005), and Ada with Chen (39000004); PubMed XML: Ada with Chen.
    expect(
      (await runWith(t.database, ["import", "publications", fixture("publications/medline.txt")])).code,
    ).toBe(0);
    await setPublicationsOff("ada", false);
    const blocks = await slackFind("Bayesian survival analysis");
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("Riverside University");
    expect(shown).toContain(
      "<@U0ADA0001> has written papers with you both: ask them to introduce you to Chen Wei, a warm introduction.",
    );
    const ask = slackButtons(blocks).find((b) => JSON.stringify(b).includes(ASK_ADA));
    // Slack needs distinct action ids within a block: the renderer numbers the second one.
    expect(ask?.action_id).toMatch(/^intro\.request/);

    const before = t.connector.calls.length;
    const said = await teamsSay(
      t.baseUrl,
      t.connector.serviceUrl,
      teamsUserBob,
      "find-collaborator Bayesian survival analysis",
    );
    expect(said.status).toBe(200);
    const reply = t.connector.calls.slice(before).find((c) => c.kind !== "update");
    const card = JSON.stringify(cardOf(reply!.activity));
    expect(card).toContain("has written papers with you both: ask them to introduce you to Chen Wei");
    expect(card).toContain(ASK_ADA);

    const chat = openChat(t.database, "alice@northfield.example.org");
    chat.type("find-collaborator Bayesian survival analysis");
    const answer = await chat.waitFor(ASK_ADA);
    expect(answer).toContain("has written papers with you both: ask them to introduce you to Chen Wei");
    expect((await chat.close()).code).toBe(0);

    await pressSlackButton(t, alice, ask!, { channelId: "D0ALICE01", messageTs: "1700000000.000200" });
    await vi.waitFor(async () => {
      const rows = await t.database.db.select().from(intros).where(eq(intros.candidateId, ids.ada!));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ requesterId: ids.alice, status: "pending" });
    });
  });

  it("no warm path through or to anyone who turned publications off, nor through a hidden shared paper", async () => {
    const warm = (blocks: unknown) => JSON.stringify(blocks).includes("has written papers with you both");
    expect(warm(await slackFind("Bayesian survival analysis"))).toBe(true);

    // Ada, the co-author of both, turns publications off: she is not offered as a path, and not named.
    await setPublicationsOff("ada", true);
    const blocks = await slackFind("Bayesian survival analysis");
    expect(JSON.stringify(blocks)).toContain("Riverside University");
    expect(warm(blocks)).toBe(false);
    expect(JSON.stringify(blocks)).not.toContain("Ada Okafor");
    await setPublicationsOff("ada", false);

    // Chen, the suggested person, turns them off: no path reveals whom Chen wrote with.
    await setPublicationsOff("chen", true);
    expect(warm(await slackFind("Bayesian survival analysis"))).toBe(false);
    await setPublicationsOff("chen", false);
    expect(warm(await slackFind("Bayesian survival analysis"))).toBe(true);

    // Ada hides the paper she wrote with Alice (39000005): that paper is no path any more.
    const [shared] = await t.database.db.select().from(publications).where(eq(publications.pmid, "39000005"));
    await t.database.db
      .update(publicationAuthors)
      .set({ hidden: true })
      .where(
        and(eq(publicationAuthors.publicationId, shared!.id), eq(publicationAuthors.personId, ids.ada!)),
      );
    expect(warm(await slackFind("Bayesian survival analysis"))).toBe(false);
  });
});
