// collab import publications: PubMed XML, MEDLINE and ORCID works JSON matched to people; bad files exit 2 naming the line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportOf, fixture, runWith, withoutExportAudit } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

type Row = Record<string, unknown>;

const peopleCsv = `name,email,institution,orcid
Ada Okafor,ada.okafor@northfield.example.org,Northfield Royal Infirmary,0000-0002-1825-0097
Bo Lindqvist,bo.lindqvist@karolinska.example.org,Karolinska Institutet,
Chen Wei,chen.wei@eastbridge.example.org,Eastbridge College,
Sam Taylor,sam.taylor@northfield.example.org,Northfield Royal Infirmary,
Sam Taylor,sam.taylor@harbour.example.org,Harbour University Hospital,
Alice Moreau,alice@northfield.example.org,Northfield Royal Infirmary,
`;

describe("collab import publications", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const importFile = (path: string) => runWith(database, ["import", "publications", path]);

  async function tables() {
    const { tables } = await exportOf(database);
    const personOf = new Map((tables.people ?? []).map((p) => [p.id, p.email]));
    const byPmid = (pmid: string) => (tables.publications ?? []).find((p) => p.pmid === pmid) as Row;
    const authorsOf = (publication: Row) =>
      (tables.publication_authors ?? [])
        .filter((a) => a.publication_id === publication.id)
        .sort((a, b) => Number(a.position) - Number(b.position))
        .map((a) => `${a.name}|${a.orcid ?? ""}|${personOf.get(a.person_id) ?? ""}`);
    const meshOf = (publication: Row) =>
      (tables.publication_mesh ?? [])
        .filter((m) => m.publication_id === publication.id)
        .map((m) => `${m.descriptor}${m.major ? "*" : ""}`)
        .sort();
    return { tables, byPmid, authorsOf, meshOf };
  }

  it("imports PubMed XML: papers, MeSH with major topics and authors matched by ORCID, email and name", async () => {
    expect((await runWith(database, ["import", "people", csvFile("people.csv", peopleCsv)])).code).toBe(0);
    const run = await importFile(fixture("publications/pubmed.xml"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "Imported 2 publications (2 new, 0 updated) from PubMed XML for 3 people; 1 record named no one here (not stored).",
    );
    expect(run.stdout).toContain("Sam Taylor (PMID 39000001): 2 people share this name");
    expect(run.stdout).toMatch(/Authors matching no one: 2\n {2}Rui Costa; Mei Lin/);

    const { tables: all, byPmid, authorsOf, meshOf } = await tables();
    expect(all.publications).toHaveLength(2);
    const first = byPmid("39000001");
    expect(first).toMatchObject({
      doi: "10.5555/jecr.2023.0012",
      title: "Procalcitonin and presepsin as early sepsis biomarkers in the emergency department",
      year: 2023,
      journal: "Journal of Emergency Care Research",
    });
    expect(authorsOf(first)).toEqual([
      "Ada Okafor|0000-0002-1825-0097|ada.okafor@northfield.example.org",
      "Chen Wei||chen.wei@eastbridge.example.org",
      "Sam Taylor||",
      "Rui Costa||",
    ]);
    expect(meshOf(first)).toEqual([
      "Biomarkers*",
      "Emergency Service, Hospital",
      "Humans",
      "Procalcitonin",
      "Sepsis*",
    ]);
    const second = byPmid("39000002");
    expect(second).toMatchObject({ year: 2025, doi: "10.5555/jecr.2025.0003" });
    expect(authorsOf(second)).toEqual([
      "Ada Okafor|0000-0002-1825-0097|ada.okafor@northfield.example.org",
      "B Lindqvist||bo.lindqvist@karolinska.example.org",
    ]);
  });

  it("imports MEDLINE text: continued lines, starred MeSH headings and qualifiers, DOI from LID", async () => {
    const run = await importFile(fixture("publications/medline.txt"));
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(
      "Imported 2 publications (2 new, 0 updated) from MEDLINE for 3 people.",
    );
    const { byPmid, authorsOf, meshOf } = await tables();
    const paper = byPmid("39000004");
    expect(paper).toMatchObject({
      title: "Bayesian survival models for time to antibiotics in sepsis: a reanalysis of registry data",
      year: 2024,
      journal: "Statistics in Medicine Reports",
      doi: "10.5555/smr.2024.0008",
    });
    expect(authorsOf(paper)).toEqual([
      "Chen Wei|0000-0001-5109-3700|chen.wei@eastbridge.example.org",
      "Ada Okafor||ada.okafor@northfield.example.org",
    ]);
    expect(meshOf(paper)).toEqual([
      "Anti-Bacterial Agents*",
      "Bayes Theorem",
      "Humans",
      "Sepsis*",
      "Survival Analysis",
    ]);
    expect(authorsOf(byPmid("39000005"))).toEqual([
      "Alice Moreau||alice@northfield.example.org",
      "Ada Okafor||ada.okafor@northfield.example.org",
    ]);
  });

  it("imports an ORCID works list: a known DOI joins its PubMed paper, a new PMID is a new paper", async () => {
    const run = await importFile(fixture("publications/orcid-works.json"));
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(
      "Imported 2 publications (1 new, 1 updated) from ORCID works JSON for 1 person.",
    );
    const { tables: all, byPmid, authorsOf } = await tables();
    expect(all.publications).toHaveLength(5);
    // The PubMed byline stays as it was: Ada is on it already.
    expect(authorsOf(byPmid("39000001"))).toHaveLength(4);
    const added = byPmid("39000010");
    expect(added).toMatchObject({ title: "Early warning scores for sepsis on general wards", year: 2022 });
    expect(authorsOf(added)).toEqual(["Ada Okafor|0000-0002-1825-0097|ada.okafor@northfield.example.org"]);
  });

  it("a second import of the same file updates and never duplicates", async () => {
    const run = await importFile(fixture("publications/pubmed.xml"));
    expect(run.stdout.split("\n")[0]).toContain("(0 new, 2 updated)");
    const { tables: all } = await tables();
    expect(all.publications).toHaveLength(5);
  });

  const badFiles: [string, string, string][] = [
    [
      "broken.xml",
      '<?xml version="1.0"?>\n<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>1</PMID>\n</PubmedArticle>\n</PubmedArticleSet>\n',
      "broken.xml line 5:",
    ],
    [
      "no-pmid.xml",
      "<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation>\n</PubmedArticle>\n</PubmedArticleSet>\n",
      "no-pmid.xml line 2: this PubmedArticle has no MedlineCitation/PMID",
    ],
    [
      "other-root.xml",
      '<?xml version="1.0"?>\n<html><body/></html>\n',
      "other-root.xml line 2: the root element is <html>",
    ],
    [
      "junk.txt",
      "PMID- 1\nTI  - A title\nthis line is not a field\n",
      'junk.txt line 3: "this line is not a field" is not a MEDLINE field line',
    ],
    [
      "no-title.txt",
      "PMID- 1\nDP  - 2020\n\nPMID- 2\nTI  - B\n",
      "no-title.txt line 1: PMID 1 has no TI - line",
    ],
    [
      "works.json",
      '{\n  "group": [\n    { "work-summary": [ { "put-code": 7,\n      "title": null } ] }\n  ],\n  "path": "/0000-0002-1825-0097/works"\n}\n',
      "works.json line 3: a work has no title.title.value",
    ],
    ["cut.json", '{\n  "group": [\n', "cut.json line"],
    ["notes.csv", "name,email\n", "notes.csv line 1: this is neither PubMed XML"],
  ];

  describe("bad files", () => {
    let before: Awaited<ReturnType<typeof exportOf>>;
    beforeEach(async () => {
      before = await exportOf(database);
    });
    it.each(badFiles)("%s exits 2 naming the line, and changes nothing", async (name, text, reason) => {
      const run = await importFile(csvFile(name, text));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.startsWith(reason), run.stderr).toBe(true);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(withoutExportAudit(await exportOf(database))).toEqual(withoutExportAudit(before));
    });
  });

  it("a bad paper at the end of a good file imports nothing of it", async () => {
    const before = await exportOf(database);
    const text = `PMID- 39000004\nTI  - Again\nFAU - Wei, Chen\n\nPMID- 39000099\nDP  - 2020\n`;
    const run = await importFile(csvFile("late.txt", text));
    expect(run.stderr).toMatch(/^late\.txt line 5: PMID 39000099 has no TI - line/);
    expect(withoutExportAudit(await exportOf(database))).toEqual(withoutExportAudit(before));
  });
});
