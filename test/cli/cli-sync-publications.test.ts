// collab sync publications against loopback fakes of NCBI E-utilities and the ORCID API that answer 429 and 500 sometimes.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from "../fakes/http-fake.ts";
import { exportOf, fixture, runWith } from "../helpers/cli.ts";
import { csvFile } from "../helpers/csv-file.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

const ADA_ORCID = "0000-0002-1825-0097";
const peopleCsv = `name,email,institution,orcid
Ada Okafor,ada.okafor@northfield.example.org,Northfield Royal Infirmary,${ADA_ORCID}
Bo Lindqvist,bo.lindqvist@karolinska.example.org,Karolinska Institutet,
`;
const pubmedXml = readFileSync(fixture("publications/pubmed.xml"), "utf8");
const orcidJson = readFileSync(fixture("publications/orcid-works.json"), "utf8");
/** A 32-character key in NCBI's form (letters and digits). */
const API_KEY = "0123456789abcdef0123456789abcdef01";

reuseTestDatabases();

describe("collab sync publications", () => {
  let database: TestDatabase;
  let fake: HttpFake;
  /** How many times each path has been asked; `failures` says which tries fail and how. */
  let asked: Map<string, number>;
  let failures: Record<string, (FakeReply | undefined)[]>;

  beforeEach(async () => {
    database = await createTestDatabase();
    expect((await runWith(database, ["import", "people", csvFile("people.csv", peopleCsv)])).code).toBe(0);
    asked = new Map();
    failures = {};
    fake = await startHttpFake((request: RecordedRequest) => {
      const n = (asked.get(request.path) ?? 0) + 1;
      asked.set(request.path, n);
      const failure = failures[request.path]?.[n - 1];
      if (failure) return failure;
      if (request.path === "/eutils/esearch.fcgi") {
        return { body: { esearchresult: { count: "2", idlist: ["39000001", "39000002"] } } };
      }
      if (request.path === "/eutils/efetch.fcgi") {
        return { headers: { "content-type": "text/xml" }, raw: pubmedXml };
      }
      if (request.path === `/v3.0/${ADA_ORCID}/works`) return { raw: orcidJson };
      return { status: 404, body: { error: "not found" } };
    });
  });
  afterEach(async () => {
    await fake.close();
    await database.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    NCBI_EUTILS_URL: `${fake.url}/eutils`,
    ORCID_API_URL: fake.url,
    ...extra,
  });

  it("fetches by ORCID iD through 429 and 500 answers, paced at 10 a second with an API key", async () => {
    failures["/eutils/esearch.fcgi"] = [{ status: 429, headers: { "retry-after": "0" }, body: {} }];
    failures["/eutils/efetch.fcgi"] = [{ status: 500, body: {} }];
    failures[`/v3.0/${ADA_ORCID}/works`] = [
      { status: 503, body: {} },
      { status: 500, body: {} },
    ];
    const run = await runWith(database, ["sync", "publications"], env({ NCBI_API_KEY: API_KEY }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ada.okafor@northfield.example.org: 5 papers found, 3 new, 0 updated.");
    expect(run.stdout).toContain("Synced 1 person: 3 new and 0 updated publications.");

    const ncbi = fake.requests.filter((r) => r.path.startsWith("/eutils/"));
    expect(ncbi.map((r) => r.path)).toEqual([
      "/eutils/esearch.fcgi",
      "/eutils/esearch.fcgi",
      "/eutils/efetch.fcgi",
      "/eutils/efetch.fcgi",
    ]);
    expect(ncbi[0]!.query.get("term")).toBe(`${ADA_ORCID}[auid]`);
    expect(ncbi.every((r) => r.query.get("api_key") === API_KEY)).toBe(true);
    expect(ncbi[2]!.query.get("id")).toBe("39000001,39000002");
    // Paced at 10 a second: n requests span at least (n - 1) × 100 ms (arrival times jitter with the machine's load).
    expect(ncbi.at(-1)!.at - ncbi[0]!.at).toBeGreaterThanOrEqual((ncbi.length - 1) * 90);
    expect(fake.requests.filter((r) => r.path.startsWith("/v3.0/"))).toHaveLength(3);

    const { tables } = await exportOf(database);
    expect((tables.publications ?? []).map((p) => p.pmid).sort()).toEqual([
      "39000001",
      "39000002",
      "39000010",
    ]);
  });

  it("searches one person by name without an ORCID iD, at 3 requests a second without a key", async () => {
    const run = await runWith(
      database,
      ["sync", "publications", "--person", "Bo.Lindqvist@karolinska.example.org"],
      env(),
    );
    expect(run.code).toBe(0);
    const ncbi = fake.requests.filter((r) => r.path.startsWith("/eutils/"));
    expect(ncbi[0]!.query.get("term")).toBe('"Bo Lindqvist"[au]');
    expect(ncbi[0]!.query.has("api_key")).toBe(false);
    expect(ncbi[1]!.at - ncbi[0]!.at).toBeGreaterThanOrEqual(280);
    expect(fake.requests.some((r) => r.path.startsWith("/v3.0/"))).toBe(false);
  });

  it("keeps the pace through a slow 429 and its Retry-After: each request goes out the interval after the last answer", async () => {
    // A busy E-utilities: a 429 that comes after 250 ms (Retry-After: 0), then a 503 asking for a 400 ms pause.
    // NCBI counts a request when it handles it, so the next may not follow closer than the pacing interval
    // (100 ms with a key), retries included.
    failures["/eutils/esearch.fcgi"] = [
      { status: 429, headers: { "retry-after": "0" }, body: {}, delayMs: 250 },
    ];
    failures["/eutils/efetch.fcgi"] = [{ status: 503, headers: { "retry-after": "0.4" }, body: {} }];
    const run = await runWith(database, ["sync", "publications"], env({ NCBI_API_KEY: API_KEY }));
    expect(run.code).toBe(0);
    const ncbi = fake.requests.filter((r) => r.path.startsWith("/eutils/"));
    expect(ncbi.map((r) => r.path)).toEqual([
      "/eutils/esearch.fcgi",
      "/eutils/esearch.fcgi",
      "/eutils/efetch.fcgi",
      "/eutils/efetch.fcgi",
    ]);
    for (let i = 1; i < ncbi.length; i++) {
      // Each request arrives at least 100 ms (less 5 ms of timer slack) after the previous was answered.
      expect(ncbi[i]!.at - ncbi[i - 1]!.answeredAt!).toBeGreaterThanOrEqual(95);
    }
    // Retry-After honoured from the 503's answer.
    expect(ncbi[3]!.at - ncbi[2]!.answeredAt!).toBeGreaterThanOrEqual(395);
  });

  it("gives up after its retries on a source that keeps failing, imports nothing and says so", async () => {
    // Retry-After: 0 skips the backoff's waits; the tries are what is counted.
    const down = { status: 500, headers: { "retry-after": "0" }, body: {} };
    failures["/eutils/efetch.fcgi"] = Array.from({ length: 5 }, () => down);
    const run = await runWith(database, ["sync", "publications"], env({ NCBI_API_KEY: API_KEY }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NCBI E-utilities answered HTTP 500 after retries while fetching ada\.okafor/);
    expect(asked.get("/eutils/efetch.fcgi")).toBe(5);
    const { tables } = await exportOf(database);
    expect(tables.publications ?? []).toEqual([]);
  });

  it("names an unknown person and a bad source URL in one line, exit 2", async () => {
    const unknown = await runWith(
      database,
      ["sync", "publications", "--person", "nobody@example.org"],
      env(),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^No person has the email nobody@example.org/);
    const bad = await runWith(database, ["sync", "publications"], env({ NCBI_EUTILS_URL: "eutils" }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^NCBI_EUTILS_URL is not an http\(s\) URL/);
  });
});
