// `npm run bench:match`: top-five time at 1k/10k/100k profiles on PGlite and PostgreSQL, RSS, and the HTTP round trip.
// Each measurement runs in its own child process, so that its peak RSS is its own.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createMatchIndex } from "../src/core/matching/create-match-index.ts";
import type { MatchProfile } from "../src/core/matching/types.ts";
import { createLiveMatchIndex } from "../src/core/suggestions/create-live-match-index.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { createMatchSource } from "../src/db/match-source.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { createPeopleDirectory } from "../src/db/people-directory.ts";
import { chatIdentities, partnershipMembers, partnerships, people } from "../src/db/schema.ts";
import { BOT_TOKEN, measureServer, SIGNING_SECRET, signedPost } from "./match-server.ts";
import { fixtureNeeds, percentile, syntheticProfiles } from "./match-synthetic.ts";

/** `--sizes=100000` and `--db=postgres` run a part of the benchmark (the whole takes minutes). */
const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SIZES = option("sizes")?.split(",").map(Number) ?? [1_000, 10_000, 100_000];
/** The size at which the bot server itself is started (`npm start`) and its memory read. */
const SERVER_SIZE = 100_000;
const HTTP_SIZE = 10_000;
/** `--publications=20`: that many papers per person (4 authors and 8 MeSH descriptors each), seeded in SQL. */
const PUBLICATIONS = Number(option("publications") ?? 0);
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const NOW = new Date("2026-03-02T10:00:00Z");

type DbKind = "pglite" | "postgres";
/** Where a seeded database lives: a PGlite data directory, or a PostgreSQL URL. */
type Target = { db: "pglite"; dataDir: string } | { db: "postgres"; url: string };
type Task = { kind: "seed" | "index" | "http" | "fts"; target: Target; size: number; publications?: number };

const needs = fixtureNeeds;

// ---------- statistics ----------

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

// ---------- databases ----------

/** A new, empty place for a database: a temporary PGlite directory, or a throwaway PostgreSQL database. */
async function newTarget(kind: DbKind): Promise<{ target: Target; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-bench-"));
    return {
      target: { db: "pglite", dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `collab_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    target: { db: "postgres", url: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Opens a target as the bot does: PGlite on disk (reopened, as after `npm start`), or PostgreSQL. */
async function open(target: Target): Promise<Database> {
  const database =
    target.db === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: target.dataDir })
      : await openDatabase({ kind: "postgres", url: target.url });
  await migrateDatabase(database, target.db === "postgres" ? target.url : undefined);
  return database;
}

async function postgresReachable(): Promise<string | null> {
  const client = postgres(PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await client`select 1`;
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

/** Deterministic uuids for the synthetic ids ("s123"). */
function uuidOf(syntheticId: string): string {
  const n = Number(syntheticId.slice(1));
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** Writes the synthetic profiles and their partnerships (pairs from partnerIds), 5,000 rows a statement. */
async function seed(database: Database, profiles: readonly MatchProfile[]): Promise<void> {
  const db = database.db;
  const chunk = 5_000;
  const rows = profiles.map((p) => ({
    id: uuidOf(p.id),
    email: p.email,
    name: p.name,
    institution: p.institution,
    department: p.department ?? null,
    role: p.role ?? null,
    career_stage: p.careerStage ?? null,
    expertise: p.expertise,
    methods: p.methods,
    offers: p.offers,
    needs: p.needs,
    conflicts_with: p.conflictsWith,
    opted_out: p.optedOut,
    paused_until: p.pausedUntil ?? null,
    open_to_mentoring: p.openToMentoring ?? false,
  }));
  const columns = sql.raw(Object.keys(rows[0] ?? { id: "" }).join(", "));
  for (let start = 0; start < rows.length; start += chunk) {
    const json = JSON.stringify(rows.slice(start, start + chunk));
    await db.execute(
      sql`insert into ${people} (${columns}) select ${columns} from json_populate_recordset(null::people, ${json}::json)`,
    );
  }
  const pairs = new Set<string>();
  for (const p of profiles) {
    for (const other of p.partnerIds) {
      if (other !== p.id) pairs.add([p.id, other].sort().join(","));
    }
  }
  const list = [...pairs].map((pair) => {
    const [a, b] = pair.split(",") as [string, string];
    return { id: randomUUID(), a: uuidOf(a), b: uuidOf(b) };
  });
  for (let start = 0; start < list.length; start += chunk) {
    const json = JSON.stringify(list.slice(start, start + chunk));
    await db.execute(sql`
      insert into ${partnerships} (id, title, status, started_at)
      select (x->>'id')::uuid, 'bench', 'active', ${NOW.toISOString()}::timestamptz from json_array_elements(${json}::json) x`);
    await db.execute(sql`
      insert into ${partnershipMembers} (partnership_id, person_id)
      select (x->>'id')::uuid, (x->>'a')::uuid from json_array_elements(${json}::json) x
      union all
      select (x->>'id')::uuid, (x->>'b')::uuid from json_array_elements(${json}::json) x`);
  }
}

/** Real MeSH descriptors for the synthetic papers' topics. */
const MESH = [
  "Sepsis",
  "Biomarkers",
  "Breast Neoplasms",
  "Lung Neoplasms",
  "Colorectal Neoplasms",
  "Prostatic Neoplasms",
  "Diabetes Mellitus, Type 2",
  "Heart Failure",
  "Atrial Fibrillation",
  "Stroke",
  "Myocardial Infarction",
  "Hypertension",
  "Asthma",
  "Pulmonary Disease, Chronic Obstructive",
  "Alzheimer Disease",
  "Parkinson Disease",
  "Depression",
  "Schizophrenia",
  "HIV Infections",
  "Tuberculosis",
  "Malaria",
  "COVID-19",
  "Influenza, Human",
  "Obesity",
  "Kidney Failure, Chronic",
  "Liver Cirrhosis",
  "Hip Fractures",
  "Osteoarthritis",
  "Arthritis, Rheumatoid",
  "Multiple Sclerosis",
  "Epilepsy",
  "Migraine Disorders",
  "Pain Management",
  "Anesthesia",
  "Critical Care",
  "Emergency Service, Hospital",
  "Primary Health Care",
  "Telemedicine",
  "Machine Learning",
  "Deep Learning",
  "Survival Analysis",
  "Bayes Theorem",
  "Randomized Controlled Trials as Topic",
  "Cohort Studies",
  "Cost-Benefit Analysis",
  "Qualitative Research",
  "Genomics",
  "Proteomics",
  "Microbiota",
  "Immunotherapy",
  "Radiotherapy",
  "Antibiotics",
  "Drug Resistance, Bacterial",
  "Vaccination",
  "Pregnancy Complications",
  "Infant, Premature",
  "Child Development",
  "Frailty",
  "Palliative Care",
  "Quality of Life",
];

/**
 * `perPerson` papers for each person, written in SQL from generate_series: each paper has 4 authors (so there are
 * people × perPerson / 4 papers) and 8 MeSH descriptors, the first two major, years 2010–2025.
 */
async function seedPublications(database: Database, perPerson: number): Promise<void> {
  const db = database.db;
  const count = Number(rowsOfCount(await db.execute(sql`select count(*)::int as n from ${people}`)));
  const papers = Math.ceil((count * perPerson) / 4);
  const chunk = 50_000;
  const mesh = `{${MESH.map((m) => `"${m}"`).join(",")}}`;
  const paperId = sql.raw(`('00000000-0000-4000-9000-' || lpad(to_hex(n), 12, '0'))::uuid`);
  for (let from = 1; from <= papers; from += chunk) {
    const to = Math.min(papers, from + chunk - 1);
    await db.execute(sql`
      insert into publications (id, pmid, title_key, title, year, journal)
      select ${paperId}, n::text, 'paper ' || n, 'Paper ' || n, 2010 + n % 16, 'Journal ' || n % 97
      from generate_series(${from}::int, ${to}::int) n`);
    await db.execute(sql`
      insert into publication_mesh (publication_id, descriptor, major)
      select distinct on (1, 2) ${paperId}, (${mesh}::text[])[1 + (n * 7 + k * 13) % ${MESH.length}], k <= 2
      from generate_series(${from}::int, ${to}::int) n, generate_series(1, 8) k
      order by 1, 2, 3 desc`);
    await db.execute(sql`
      with p as (select id, (row_number() over (order by id) - 1)::int as i from people)
      insert into publication_authors (publication_id, position, name, person_id)
      select ${paperId}, pos, 'Author ' || p.i, p.id
      from generate_series(${from}::int, ${to}::int) n cross join generate_series(1, 4) pos
      join p on p.i = ((n - 1) * 4 + pos - 1) % ${count}`);
  }
}

function rowsOfCount(result: unknown): number {
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return (rows as { n: number }[])[0]?.n ?? 0;
}

// ---------- measurements (children) ----------

async function seedTask(task: Task): Promise<Record<string, number>> {
  const database = await open(task.target);
  try {
    const started = performance.now();
    await seed(database, syntheticProfiles(task.size, 42));
    if (task.publications) await seedPublications(database, task.publications);
    // What autovacuum does a minute after a bulk load: without statistics the planner walks co-authors (warm
    // paths) by sequential scans, seconds a query.
    await database.db.execute(sql`analyze`);
    return { seedMs: performance.now() - started };
  } finally {
    await database.close();
  }
}

const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

async function measureIndex(task: Task): Promise<Record<string, number>> {
  const database = await open(task.target);
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    const source = createMatchSource(database.db);
    const live = createLiveMatchIndex({ source, log: quietLog });
    const directory = createPeopleDirectory(database.db);
    let started = performance.now();
    await live.refresh(NOW);
    const buildMs = performance.now() - started;
    if (live.size !== task.size) throw new Error(`the index holds ${live.size} profiles, not ${task.size}`);

    const loadedIds = rowsOfIds(await database.db.execute(sql`select id from ${people} order by id`));
    const queries = task.size >= 100_000 ? 200 : 300;
    const step = Math.max(1, Math.floor(loadedIds.length / queries));
    const requesters = Array.from({ length: queries }, (_, i) => loadedIds[(i * step) % loadedIds.length]!);
    const times: number[] = [];
    let shown = 0;
    started = performance.now();
    for (let i = 0; i < queries + 20; i++) {
      const t0 = performance.now();
      const result = await live.suggest(
        requesters[i % queries]!,
        needs[i % needs.length]!,
        { now: NOW, limit: 5 },
        (ids) => directory.personRefs(ids),
      );
      if (i >= 20) {
        times.push(performance.now() - t0);
        shown += result.suggestions.length;
      }
    }
    const rssPeak = peakRss();
    // What stays once the garbage of loading is collected (the children run with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const rssWithIndex = process.memoryUsage().rss;
    const heapUsed = process.memoryUsage().heapUsed;

    // The engine alone, on the same profiles: what the index costs without the database around it.
    const loaded = (await source.loadAll()).profiles;
    const byId = new Map(loaded.map((p) => [p.id, p]));
    const topics = loaded.reduce((sum, p) => sum + (p.topics?.length ?? 0), 0);
    const index = createMatchIndex(loaded);
    const engine: number[] = [];
    for (let i = 0; i < queries + 20; i++) {
      const requester = byId.get(requesters[i % queries]!)!;
      const t0 = performance.now();
      index.suggest(requester, needs[i % needs.length]!, { now: NOW, limit: 5 });
      if (i >= 20) engine.push(performance.now() - t0);
    }
    return {
      buildMs,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      engineP50: percentile(engine, 50),
      engineP95: percentile(engine, 95),
      meanShown: shown / queries,
      rssBefore,
      rssWithIndex,
      rssPeak,
      heapUsed,
      topics,
    };
  } finally {
    await database.close();
  }
}

/**
 * PostgreSQL full-text search on the same profiles and needs, the baseline the index must beat: a tsvector of each
 * person's role, department, expertise, methods and offers under a GIN index, any word of the need matching
 * (plainto_tsquery's AND finds nobody for most needs written in sentences), ranked by ts_rank, top five.
 */
async function measureFts(task: Task): Promise<Record<string, number>> {
  if (task.target.db !== "postgres") throw new Error("full-text search is measured on PostgreSQL only");
  const client = postgres(task.target.url, { max: 1, onnotice: () => {} });
  try {
    let started = performance.now();
    await client.unsafe(`create table bench_fts as
      select id, to_tsvector('english', concat_ws(' ', role, department, array_to_string(expertise, ' '),
        array_to_string(methods, ' '), array_to_string(offers, ' '))) as doc from people`);
    await client.unsafe("create index bench_fts_doc on bench_fts using gin (doc)");
    await client.unsafe("analyze bench_fts");
    const buildMs = performance.now() - started;
    const queries = task.size >= 100_000 ? 200 : 300;
    const times: number[] = [];
    let shown = 0;
    started = performance.now();
    for (let i = 0; i < queries + 20; i++) {
      const t0 = performance.now();
      const rows = await client`
        select id, ts_rank(doc, q) as rank
        from bench_fts, to_tsquery('english', replace(plainto_tsquery('english', ${needs[i % needs.length]!})::text, '&', '|')) q
        where doc @@ q order by rank desc limit 5`;
      if (i >= 20) {
        times.push(performance.now() - t0);
        shown += rows.length;
      }
    }
    return {
      ftsBuildMs: buildMs,
      ftsP50: percentile(times, 50),
      ftsP95: percentile(times, 95),
      ftsShown: shown / queries,
    };
  } finally {
    await client.end();
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

/**
 * The servers under test, in a child: the whole app and, beside it, the floor (a bare Bolt app whose listener
 * only acks). The load comes from the parent, another process, so that the server's work after its ack (PGlite
 * runs on the main thread) cannot delay the client reading the ack.
 */
async function serveHttp(task: Task): Promise<Record<string, number>> {
  // Only this child loads the servers and SDKs, so that the index children's RSS is the index's.
  const { createServer } = await import("node:http");
  const { App, HTTPReceiver, LogLevel } = await import("@slack/bolt");
  const { pino } = await import("pino");
  const { createApp } = await import("../src/app/create-app.ts");
  const { loadConfig } = await import("../src/config.ts");
  const { startFakeSlackApi } = await import("../test/fakes/fake-slack-api.ts");

  const database = await open(task.target);
  const slackApi = await startFakeSlackApi();
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let floorServer: Server | null = null;
  try {
    const requesters = rowsOfIds(
      await database.db.execute(sql`select id from ${people} where not opted_out order by id limit 50`),
    );
    await database.db.insert(chatIdentities).values(
      requesters.map((personId, i) => ({
        personId,
        platform: "slack",
        tenantId: "T0FAKE001",
        userId: benchUser(i),
      })),
    );
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      PORT: "0",
      LOG_LEVEL: "silent",
    });
    app = await createApp({
      config,
      logger: pino({ level: "silent" }),
      database,
      slackRetryConfig: { retries: 0 },
    });
    const appPort = await app.listen(0);

    const receiver = new HTTPReceiver({
      signingSecret: SIGNING_SECRET,
      endpoints: "/slack/events",
      logLevel: LogLevel.ERROR,
    });
    const bare = new App({
      token: BOT_TOKEN,
      receiver,
      clientOptions: { slackApiUrl: slackApi.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    bare.command("/find-collaborator", async ({ ack }) => {
      await ack();
    });
    const server = createServer((req, res) => receiver.requestListener(req, res));
    floorServer = server;
    const floorPort = await listen(server);

    // Tell the parent where to send the load, then serve until it closes our stdin.
    process.stdout.write(
      `${JSON.stringify({ ready: 1, appPort, floorPort, requesters: requesters.length })}\n`,
    );
    await new Promise<void>((resolve) => {
      process.stdin.resume();
      process.stdin.on("end", () => resolve());
    });
    return { rssPeak: peakRss() };
  } finally {
    if (app) await app.stop();
    if (floorServer) {
      const closing = floorServer;
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    }
    await slackApi.close();
    await database.close();
  }
}

const benchUser = (i: number) => `U0BENCH${String(i).padStart(3, "0")}`;

/** The load, from the parent: signed /find-collaborator requests, the app and the floor interleaved. */
async function driveHttp(ready: Record<string, number>): Promise<Record<string, number>> {
  const { createServer } = await import("node:http");
  const { slashCommandBody } = await import("../test/helpers/slack-requests.ts");

  // Where the app posts its answers (response_url): each request has its own path, resolved on arrival.
  const waiting = new Map<string, (at: number) => void>();
  const answers = createServer((req, res) => {
    const at = performance.now();
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
      waiting.get(req.url ?? "")?.(at);
    });
  });
  const answerPort = await listen(answers);
  try {
    const body = (i: number, path: string) =>
      slashCommandBody({
        command: "/find-collaborator",
        text: needs[i % needs.length]!,
        user_id: benchUser(i % ready.requesters!),
        user_name: "bench",
        response_url: `http://127.0.0.1:${answerPort}${path}`,
      });
    /** The ack's round trip, and the time until the answer reached the response_url. */
    const ask = async (i: number): Promise<[number, number]> => {
      const path = `/respond/${i}-${Math.random().toString(36).slice(2)}`;
      const arrived = new Promise<number>((resolve) => waiting.set(path, resolve));
      const t0 = performance.now();
      const ack = await signedPost(ready.appPort!, body(i, path));
      const at = await arrived;
      waiting.delete(path);
      return [ack, at - t0];
    };

    // Warm both (the first /find-collaborator builds the index from the database).
    for (let i = 0; i < 50; i++) {
      await ask(i);
      await signedPost(ready.floorPort!, body(i, "/respond/floor"));
    }
    const full: number[] = [];
    const answered: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 400; i++) {
      // Interleaved, so that both see the same machine at the same moment.
      const [ack, answer] = await ask(i);
      full.push(ack);
      answered.push(answer);
      floor.push(await signedPost(ready.floorPort!, body(i, "/respond/floor")));
    }
    return {
      fullP50: percentile(full, 50),
      fullP99: percentile(full, 99),
      floorP50: percentile(floor, 50),
      floorP99: percentile(floor, 99),
      answerP50: percentile(answered, 50),
      answerP99: percentile(answered, 99),
    };
  } finally {
    await new Promise<void>((resolve) => answers.close(() => resolve()));
  }
}

function rowsOfIds(result: unknown): string[] {
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return (rows as { id: string }[]).map((row) => row.id);
}

// ---------- orchestration (parent) ----------

/**
 * Runs a task in a child process and resolves with its last JSON line. An http child first prints a "ready"
 * line: the parent then drives the load itself and closes the child's stdin to stop it.
 */
function runChild(task: Task): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--child", JSON.stringify(task)],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    let out = "";
    let driven: Promise<Record<string, number>> | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const ready = out.split("\n").find((line) => line.startsWith('{"ready"'));
      if (ready && !driven) {
        driven = driveHttp(JSON.parse(ready) as Record<string, number>);
        driven.then(
          () => child.stdin.end(),
          (error: unknown) => {
            child.stdin.end();
            reject(error);
          },
        );
      }
    });
    if (task.kind !== "http") child.stdin.end();
    child.on("error", reject);
    child.on("close", async (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`${task.kind} ${task.size} failed (exit ${code})`));
        return;
      }
      const result = JSON.parse(line) as Record<string, number>;
      try {
        resolve(driven ? { ...(await driven), ...result } : result);
      } catch (error) {
        reject(error);
      }
    });
  });
}

const col = (text: string, width: number) => text.padStart(width);

async function main(): Promise<void> {
  const started = Date.now();
  const cpu = cpus();
  console.log("Collab /find-collaborator benchmark");
  console.log(
    `Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${mb(totalmem())} memory, ` +
      `Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  if (PUBLICATIONS > 0) {
    console.log(
      `Publications: ${PUBLICATIONS} per person (4 authors and 8 MeSH descriptors each); "topics" is how many ` +
        "publication topics the index holds (up to 12 a person).",
    );
  }
  console.log(
    "Index: the in-memory inverted index of src/core/matching, built from the database on first use and " +
      "topped up before each query (max(updated_at) check).\n",
  );
  const unreachable = await postgresReachable();
  const kinds = (unreachable ? ["pglite"] : ["pglite", "postgres"]).filter(
    (kind) => !option("db") || option("db") === kind,
  ) as DbKind[];
  if (unreachable) console.log(`PostgreSQL at ${PG_URL} is unreachable (${unreachable}): skipping it.\n`);

  const indexRows: string[] = [];
  const httpRows: string[] = [];
  const serverRows: string[] = [];
  const ftsRows: string[] = [];
  for (const db of kinds) {
    for (const size of SIZES) {
      const { target, drop } = await newTarget(db);
      try {
        const seeded = await runChild({ kind: "seed", target, size, publications: PUBLICATIONS });
        const r = await runChild({ kind: "index", target, size });
        if (db === "postgres") {
          const f = await runChild({ kind: "fts", target, size });
          ftsRows.push(
            [
              col(size.toLocaleString("en"), 8),
              col(ms(f.ftsP50!), 9),
              col(ms(f.ftsP95!), 9),
              col(ms(r.p95!), 12),
              col(ms(r.engineP95!), 11),
              col(`${(f.ftsP95! / r.p95!).toFixed(1)}×`, 15),
              col(`${(f.ftsP95! / r.engineP95!).toFixed(1)}×`, 13),
            ].join(" "),
          );
        }
        indexRows.push(
          [
            db.padEnd(9),
            col(size.toLocaleString("en"), 8),
            col(`${(seeded.seedMs! / 1000).toFixed(1)} s`, 7),
            col(ms(r.buildMs!), 11),
            col(ms(r.p50!), 9),
            col(ms(r.p95!), 9),
            col(ms(r.engineP50!), 10),
            col(ms(r.engineP95!), 10),
            col(mb(r.rssBefore!), 9),
            col(mb(r.rssWithIndex!), 9),
            col(mb(r.heapUsed!), 8),
            col(mb(r.rssPeak!), 9),
            col(r.topics!.toLocaleString("en"), 10),
          ].join(" "),
        );
        if (size === HTTP_SIZE) {
          const h = await runChild({ kind: "http", target, size });
          httpRows.push(
            [
              db.padEnd(9),
              col(ms(h.fullP50!), 10),
              col(ms(h.fullP99!), 10),
              col(ms(h.floorP50!), 9),
              col(ms(h.floorP99!), 9),
              col(`${(h.fullP50! / h.floorP50!).toFixed(2)}×`, 9),
              col(`${(h.fullP99! / h.floorP99!).toFixed(2)}×`, 9),
              col(ms(h.answerP50!), 10),
              col(ms(h.answerP99!), 10),
              col(mb(h.rssPeak!), 9),
            ].join(" "),
          );
        }
        if (size === SERVER_SIZE) {
          const s = await measureServer(target, needs);
          serverRows.push(
            [
              db.padEnd(9),
              col(size.toLocaleString("en"), 8),
              col(ms(s.firstAnswerMs), 12),
              col(`${mb(s.peak)}${s.jobsInPeak ? "*" : ""}`, 9),
              col(mb(s.settled), 12),
              col(mb(s.treePeak), 14),
              col(mb(s.peakWithJobs), 15),
            ].join(" "),
          );
        }
      } finally {
        await drop();
      }
    }
  }

  console.log("Top five: end to end (freshness check, index, names from the database) and the engine alone.");
  console.log(
    "Memory of this measuring child (the sources through tsx, whose loader alone is ~75 MB): RSS with the " +
      "database open, before the index; RSS and JS heap with the index built and queried (after a GC); peak RSS.",
  );
  console.log(
    "database  profiles    seed       build       p50       p95 engine p50 engine p95  RSS base RSS index    heap  peak RSS    topics",
  );
  for (const row of indexRows) console.log(row);
  if (ftsRows.length > 0) {
    console.log(
      "\nPostgreSQL full-text search (GIN + ts_rank, any word of the need, top five) on the same profiles and " +
        "needs, against the index's top five (end to end, and the engine alone):",
    );
    console.log("profiles   FTS p50   FTS p95  index p95  engine p95  FTS/index p95  FTS/engine p95");
    for (const row of ftsRows) console.log(row);
  }
  console.log(
    `\nSigned /find-collaborator round trip through the whole server (${HTTP_SIZE.toLocaleString("en")} profiles) ` +
      "against a bare Bolt app that only acks (the floor); the server acks at once and posts the answer to the " +
      "response_url, timed from the request:",
  );
  console.log(
    "database  server p50 server p99 floor p50 floor p99 ratio p50 ratio p99 answer p50 answer p99  peak RSS",
  );
  for (const row of httpRows) console.log(row);
  console.log(
    `\nThe bot server itself, started as \`npm start\` (${SERVER_SIZE.toLocaleString("en")} profiles): the first ` +
      "/find-collaborator (which builds the index), 100 more, then its VmHWM (peak RSS) and VmRSS 5 s later " +
      "(settled, no forced GC), all within the minute it started in, before its scheduled jobs ran (* when a " +
      "slow machine let them in); the peak RSS of every process `npm start` left running (npm itself); and the " +
      "server's peak once the next minute's jobs (check-ins, reminders, … on the seeded partnerships) ran too:",
  );
  console.log("database  profiles first answer  peak RSS  settled RSS  with npm, peak  peak with jobs");
  for (const row of serverRows) console.log(row);
  console.log(
    "\nTargets: p95 ≤ 10 ms at 100,000 profiles and ≥ 8× faster than full-text search; round trip ≤ 1.5× the " +
      "floor at p50 with 10,000; RSS ≤ 300 MB at 100,000.",
  );
  console.log(`Took ${Math.round((Date.now() - started) / 1000)} s.`);
}

if (process.argv[2] === "--child") {
  const task = JSON.parse(process.argv[3]!) as Task;
  const result =
    task.kind === "seed"
      ? await seedTask(task)
      : task.kind === "index"
        ? await measureIndex(task)
        : task.kind === "fts"
          ? await measureFts(task)
          : await serveHttp(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await main();
}
