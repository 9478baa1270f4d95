// /find-collaborator with publications: MeSH topics of imported papers reveal the right person, with a line saying so.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people } from "../../src/db/schema.ts";
import { fixture, runWith } from "../helpers/cli.ts";
import {
  alice,
  postSlashCommand,
  responseUrlAnswer,
  startCollaboratorScenario,
} from "../helpers/collaborator-scenario.ts";
import type { TestApp } from "../helpers/test-app.ts";

describe("matching with publications", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startCollaboratorScenario(ids, () => ({
      alice: {
        email: "alice@northfield.example.org",
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        role: "Consultant medical oncologist",
        expertise: ["breast cancer"],
        slackUserId: alice.id,
      },
      // Two emergency physicians whose typed profiles say the same; only Ada's papers are about sepsis.
      ada: {
        email: "ada.okafor@northfield.example.org",
        name: "Ada Okafor",
        institution: "Harbour University Hospital",
        role: "Consultant in emergency medicine",
        expertise: ["emergency medicine", "triage"],
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
    expect(await find("sepsis biomarkers")).not.toContain("Ada Okafor");

    const run = await runWith(t.database, ["import", "publications", fixture("publications/pubmed.xml")]);
    expect(run.code).toBe(0);

    const answer = await find("sepsis biomarkers");
    expect(answer).toContain("Ada Okafor");
    expect(answer).not.toContain("Zed Harper");
    expect(answer).toMatch(/2 papers on (biomarkers and sepsis|sepsis and biomarkers) \(2023–2025\)/);
  });

  it("a person who turns publications off is no longer found by them", async () => {
    await t.database.db
      .update(people)
      .set({ publicationsOff: true, updatedAt: sql`clock_timestamp()` })
      .where(eq(people.id, ids.ada!));
    expect(await find("sepsis biomarkers")).not.toContain("Ada Okafor");
  });
});
