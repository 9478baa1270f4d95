// collab import people and collab export, run in-process: round trip, updates, and bad files that change nothing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { exportOf, fixture, runWith, withoutExportAudit } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

type Row = Record<string, unknown>;

function byEmail(people: Row[] | undefined, email: string): Row {
  const person = people?.find((p) => p.email === email);
  if (!person) throw new Error(`no person ${email} in the export`);
  return person;
}

/** "programme name/role" for each membership of the person, sorted. */
function rolesOf(tables: Record<string, Row[]>, personId: unknown): string[] {
  const names = new Map((tables.programmes ?? []).map((p) => [p.id, p.name]));
  return (tables.programme_members ?? [])
    .filter((m) => m.person_id === personId)
    .map((m) => `${names.get(m.programme_id)}/${m.role}`)
    .sort();
}

reuseTestDatabases();

describe("collab import people / export", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  it("round-trips a good CSV through the export: every field, lists, programmes, roles and identities", async () => {
    const run = await runWith(database, ["import", "people", fixture("people.csv")]);
    expect(run).toEqual({
      code: 0,
      stdout: "Imported 3 people (3 new, 0 updated) into 2 programmes.\n",
      stderr: "",
    });
    const { tables, exportedAt } = await exportOf(database);
    expect(Number.isNaN(Date.parse(exportedAt))).toBe(false);
    expect(tables.people).toHaveLength(3);

    const ada = byEmail(tables.people, "ada.okafor@example.org");
    expect(ada).toMatchObject({
      name: "Ada Okafor",
      institution: "St Mary's Hospital, London",
      department: "Oncology",
      role: "Consultant oncologist",
      career_stage: "senior",
      expertise: ["breast cancer", "immunotherapy"],
      methods: ["cohort studies", "clinical trials"],
      offers: ["patient cohort access", "clinical questions"],
      needs: ["biostatistics", "grant writing"],
      timezone: "Europe/London",
      open_to_mentoring: true,
      conflicts_with: ["bo.lindqvist@example.org"],
    });
    const bo = byEmail(tables.people, "bo.lindqvist@example.org");
    expect(bo).toMatchObject({
      open_to_mentoring: true,
      timezone: "Europe/Stockholm",
      methods: ["R", "Stan"],
    });
    const chen = byEmail(tables.people, "chen.wei@example.org");
    expect(chen).toMatchObject({
      name: "Chen Wei",
      department: null,
      expertise: [],
      needs: ["mentoring", 'a "first" paper'],
      timezone: null,
      open_to_mentoring: false,
      conflicts_with: [],
    });

    expect((tables.programmes ?? []).map((p) => p.name).sort()).toEqual([
      "Hospital-University Partnership",
      "Oncology Network",
    ]);
    expect(rolesOf(tables, ada.id)).toEqual([
      "Hospital-University Partnership/coordinator",
      "Hospital-University Partnership/member",
      "Oncology Network/coordinator",
      "Oncology Network/member",
    ]);
    expect(rolesOf(tables, bo.id)).toEqual(["Oncology Network/member"]);
    expect(rolesOf(tables, chen.id)).toEqual([]);

    const identities = (tables.chat_identities ?? [])
      .map((i) => `${i.platform} ${i.tenant_id} ${i.user_id} ${i.person_id}`)
      .sort();
    expect(identities).toEqual(
      [
        `slack T0001 U0ADA ${ada.id}`,
        `slack T0001 U0CHEN ${chen.id}`,
        `teams tenant-ki aad-bo-0001 ${bo.id}`,
        `teams tenant-ki aad-chen-0001 ${chen.id}`,
      ].sort(),
    );
    const audit = tables.audit_log ?? [];
    expect(audit.find((a) => a.action === "people.import")).toMatchObject({
      actor: "cli",
      platform: "cli",
      subject: null,
      details: { created: 3, updated: 0, programmes: 2 },
    });
    expect(audit.filter((a) => a.action === "data.export")).toHaveLength(1);
  });

  it("updates on a second import of a changed file and never duplicates", async () => {
    expect((await runWith(database, ["import", "people", fixture("people.csv")])).code).toBe(0);
    const run = await runWith(database, ["import", "people", fixture("people-updated.csv")]);
    expect(run.stdout).toBe("Imported 3 people (1 new, 2 updated) into 3 programmes.\n");
    expect(run.code).toBe(0);

    const { tables } = await exportOf(database);
    expect(tables.people?.map((p) => p.email).sort()).toEqual([
      "ada.okafor@example.org",
      "bo.lindqvist@example.org",
      "chen.wei@example.org",
      "dara.nwosu@example.org",
    ]);
    const ada = byEmail(tables.people, "ada.okafor@example.org");
    expect(ada).toMatchObject({
      name: "Ada Okafor-Smith",
      institution: "St Mary's Hospital",
      expertise: ["immunotherapy"],
      methods: ["clinical trials"],
      open_to_mentoring: false,
      conflicts_with: [],
    });
    expect(rolesOf(tables, ada.id)).toEqual(["Hospital-University Partnership/member"]);
    const bo = byEmail(tables.people, "bo.lindqvist@example.org");
    expect(rolesOf(tables, bo.id)).toEqual(["Oncology Network/coordinator", "Oncology Network/member"]);
    const dara = byEmail(tables.people, "dara.nwosu@example.org");
    expect(rolesOf(tables, dara.id)).toEqual(["Oncology Network/member", "Training Scheme/member"]);
    expect(tables.programmes).toHaveLength(3);
    expect(tables.chat_identities).toHaveLength(4);
    expect(tables.chat_identities?.find((i) => i.user_id === "U0ADA")?.person_id).toBe(ada.id);
  });

  it("re-points a chat identity to the person whose row now names it", async () => {
    expect((await runWith(database, ["import", "people", fixture("people.csv")])).code).toBe(0);
    const file = csvFile(
      "people.csv",
      "name,email,institution,slack_team_id,slack_user_id\nBo,bo.lindqvist@example.org,KI,T0001,U0ADA\n",
    );
    const run = await runWith(database, ["import", "people", file]);
    expect(run.code).toBe(0);
    const { tables } = await exportOf(database);
    const bo = byEmail(tables.people, "bo.lindqvist@example.org");
    expect(bo).toMatchObject({ name: "Bo", institution: "KI", methods: ["R", "Stan"] });
    expect(tables.chat_identities?.find((i) => i.user_id === "U0ADA")?.person_id).toBe(bo.id);
    expect(tables.chat_identities).toHaveLength(4);
  });

  it("reads a people CSV saved by European Excel, with ; between cells and quoted lists", async () => {
    const file = csvFile(
      "people.csv",
      "\uFEFFname;email;institution;expertise;timezone\r\n" +
        'Bo Lindqvist;bo.lindqvist@example.org;Karolinska Institutet;"biostatistics;survival analysis";Europe/Stockholm\r\n',
    );
    const run = await runWith(database, ["import", "people", file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { tables } = await exportOf(database);
    expect(byEmail(tables.people, "bo.lindqvist@example.org")).toMatchObject({
      name: "Bo Lindqvist",
      institution: "Karolinska Institutet",
      expertise: ["biostatistics", "survival analysis"],
      timezone: "Europe/Stockholm",
    });
  });

  const badFiles: [string, string][] = [
    ["people-bad-missing-name.csv", "people-bad-missing-name.csv row 4: name is required but empty"],
    [
      "people-bad-email.csv",
      'people-bad-email.csv row 4: email "gus-at-example.org" is not an email address',
    ],
    [
      "people-bad-boolean.csv",
      'people-bad-boolean.csv row 4: open_to_mentoring "maybe" is not one of true, false, yes, no, 1, 0',
    ],
    [
      "people-bad-timezone.csv",
      'people-bad-timezone.csv row 5: timezone "Mars/Olympus_Mons" is not an IANA time zone such as Europe/London',
    ],
    [
      "people-bad-half-slack.csv",
      "people-bad-half-slack.csv row 4: slack_team_id is set but slack_user_id is empty; give both or neither",
    ],
    [
      "people-bad-duplicate-email.csv",
      'people-bad-duplicate-email.csv row 4: email "eve@example.org" is also on row 2',
    ],
    [
      "people-bad-unknown-column.csv",
      'people-bad-unknown-column.csv row 1: unknown column "favourite_colour"',
    ],
    [
      "people-bad-orcid.csv",
      'people-bad-orcid.csv row 4: orcid "0000-0002-1825-0098" is not an ORCID iD: its last character does not match the others',
    ],
    ["people-bad-no-email-column.csv", "people-bad-no-email-column.csv row 1: required column email missing"],
    ["people-bad-cell-count.csv", "people-bad-cell-count.csv row 3: has 12 cells but the header has 19"],
  ];

  it.each(badFiles)("rejects %s with the row and the reason, and changes nothing", async (file, reason) => {
    expect((await runWith(database, ["import", "people", fixture("people.csv")])).code).toBe(0);
    const before = await exportOf(database);
    const run = await runWith(database, ["import", "people", fixture(file)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(reason)).toBe(true);
    expect(run.stderr.endsWith("\n")).toBe(true);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    const after = await exportOf(database);
    expect(withoutExportAudit(after)).toEqual(withoutExportAudit(before));
  });

  it("imports the optional orcid column in its canonical form, from a link or bare", async () => {
    const file = csvFile(
      "people-orcid.csv",
      "name,email,institution,orcid\nEve Adams,eve@example.org,Uni A,https://orcid.org/0000-0002-1825-0097\nFinn Berg,finn@example.org,Uni B,0000 0001 5109 309x\n",
    );
    expect((await runWith(database, ["import", "people", file])).code).toBe(0);
    const { tables } = await exportOf(database);
    expect(byEmail(tables.people, "eve@example.org").orcid).toBe("0000-0002-1825-0097");
    expect(byEmail(tables.people, "finn@example.org").orcid).toBe("0000-0001-5109-309X");
  });

  it("says when the file is missing, in one line, with exit code 2", async () => {
    const missing = fixture("people-does-not-exist.csv");
    const run = await runWith(database, ["import", "people", missing]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `Cannot read ${missing}: no such file.\n` });
  });

  it("exits 2 with one line on a command, option or argument it does not know", async () => {
    for (const argv of [
      ["frobnicate"],
      ["import", "people"],
      ["export", "--pretty"],
      ["import", "cats", "x.csv"],
    ]) {
      const run = await runWith(database, argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stderr.trimEnd().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });

  it("prints help with exit code 0", async () => {
    const run = await runWith(database, ["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("forget <email>");
    // Every command, the groups' too, not only the top level.
    for (const usage of [
      "collab import people <file>",
      "collab import partnerships <file>",
      "collab import mentorships <file>",
      "collab jobs run <name>",
      "collab role grant <role> <email>",
      "collab role list",
      "collab programme link <workspace> <programme...>",
      "collab chat --as <email>",
      "collab teams package --app-id <guid> --domain <host>",
    ]) {
      expect(run.stdout).toContain(`  ${usage} `);
    }
    // A group that runs by itself too: `collab export` (everything as JSON) beside `collab export partnerships`.
    expect(run.stdout).toMatch(/^ {2}collab export +write all data as one JSON document to stdout$/m);
    const people = await runWith(database, ["import", "people", "--help"]);
    expect(people.code).toBe(0);
    expect(people.stdout).toContain("<file>");
  });

  it("applies migrations with collab migrate and says so in one line", async () => {
    const run = await runWith(database, ["migrate"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Database \(.+\) is up to date: 0 of \d+ migrations applied now\.\n$/);
  });
});

describe("collab before it reaches a database", () => {
  async function run(argv: string[], env: Record<string, string>) {
    let stdout = "";
    let stderr = "";
    const io = {
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      env,
    };
    return { code: await runCli(argv, io), stdout, stderr };
  }

  it("exits 2 with the configuration problem in one line", async () => {
    const result = await run(["export"], { LOG_LEVEL: "loud" });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^LOG_LEVEL is "loud": use one of .+\.\n$/);
  });

  it("exits 2 in one line when another process holds the embedded database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-busy-"));
    writeFileSync(join(dataDir, "collab.lock"), String(process.ppid));
    const result = await run(["export"], { DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^The embedded database in .+ is in use by another process .+DATABASE_URL.+\n$/,
    );
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
