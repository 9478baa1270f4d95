// Benchmark: 10,000 members due at once: time to plan and enqueue, then delivery against a rate-limited loopback
// Slack (429 + Retry-After beyond N a second), then again for the next week with a kill -9 of the worker at half-way.
//
// npm run bench:fanout -- [--count 10000] [--rate 200] [--lease 10] [--worker-rate N] [--no-delivery]
//   On PGlite (in memory) by default; on PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL names a server, where a
//   throwaway database is created and dropped afterwards.
//
// The default run plans and enqueues 10,000 members twice (two weekly check-ins) and delivers all of them twice, at
// N = 200 requests a second so that it fits in about two minutes; `--rate 50` is the platform figure of the issue
// (about 7 minutes). Each phase prints: the achieved rate as a fraction of N (deliveries between the first and the
// last one), the 429s the fake answered, duplicates (a member receiving the same check-in twice) and lost ones.
// The worker is configured with the platform's rate (`limits`, per workspace) = N; `--worker-rate` sets it higher
// to see how it backs off on 429 + Retry-After. The worker's lease on claimed rows is `--lease` seconds. On
// PostgreSQL the worker is a child process (so it can be killed with -9); PGlite belongs to one process, so there
// the worker runs in the benchmark's process and the second delivery has no kill. `--no-delivery` stops after
// planning and enqueueing.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createCheckinService } from "../src/core/checkins/create-checkin-service.ts";
import { planCheckins } from "../src/core/checkins/plan-checkins.ts";
import { createCheckinStore } from "../src/db/checkin-store.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { rowsOf } from "../src/db/rows.ts";
import { chatIdentities, partnershipMembers, partnerships, people } from "../src/db/schema.ts";
import { createBenchWorker } from "./fanout-delivery.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const COUNT = Math.round(option("count", 10_000) / 2) * 2;
const RATE = option("rate", 200);
const LEASE_MS = option("lease", 10) * 1000;
/** The per-workspace rate the delivery worker is configured with: N by default; above N to watch it meet 429s. */
const WORKER_RATE = option("worker-rate", RATE);
const TEAM = "T0BENCH01";
/** `--no-delivery`: plan and enqueue only (seconds instead of minutes), e.g. to profile them. */
const DELIVER = !process.argv.includes("--no-delivery");

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

// ---- the loopback Slack: a token bucket of RATE a second (a tenth of a second of burst), 429 beyond it ----

interface FakeSlack {
  url: string;
  delivered: Map<string, number>;
  successes: () => number;
  throttled: () => number;
  firstAt: () => number;
  lastAt: () => number;
  reset(): void;
  close(): Promise<void>;
}

async function startFakeSlack(rate: number): Promise<FakeSlack> {
  const capacity = Math.max(1, rate / 10);
  let tokens = capacity;
  let refilledAt = performance.now();
  let successes = 0;
  let throttled = 0;
  let firstAt = 0;
  let lastAt = 0;
  let ts = 1_700_000_000;
  const delivered = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const now = performance.now();
      tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * rate);
      refilledAt = now;
      res.setHeader("content-type", "application/json");
      if (!req.url?.endsWith("/chat.postMessage")) {
        res.end(JSON.stringify({ ok: false, error: "unknown_method" }));
        return;
      }
      if (tokens < 1) {
        throttled++;
        res.writeHead(429, { "retry-after": "1" });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      tokens -= 1;
      const channel = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("channel") ?? "?";
      delivered.set(channel, (delivered.get(channel) ?? 0) + 1);
      successes++;
      if (firstAt === 0) firstAt = now;
      lastAt = now;
      res.end(JSON.stringify({ ok: true, channel, ts: `${ts++}.000100` }));
    });
  });
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    delivered,
    successes: () => successes,
    throttled: () => throttled,
    firstAt: () => firstAt,
    lastAt: () => lastAt,
    reset() {
      delivered.clear();
      successes = 0;
      throttled = 0;
      firstAt = 0;
      lastAt = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- seeding, planning and enqueueing ----

async function seed(database: Database, count: number): Promise<void> {
  const db = database.db;
  const pairs = count / 2;
  for (let start = 0; start < count; start += 2_000) {
    const size = Math.min(2_000, count - start);
    const made = await db
      .insert(people)
      .values(
        Array.from({ length: size }, (_, i) => ({
          email: `member${start + i}@bench.example.org`,
          name: `Member ${start + i}`,
          institution: "Bench University",
          timezone: "UTC",
        })),
      )
      .returning({ id: people.id });
    await db.insert(chatIdentities).values(
      made.map((m, i) => ({
        personId: m.id,
        platform: "slack",
        tenantId: TEAM,
        userId: `U${String(start + i).padStart(9, "0")}`,
      })),
    );
    const partnershipRows = await db
      .insert(partnerships)
      .values(
        Array.from({ length: size / 2 }, (_, i) => ({
          title: `Study ${start / 2 + i}`,
          cadence: "weekly",
          startedAt: new Date("2026-11-01T00:00:00Z"),
        })),
      )
      .returning({ id: partnerships.id });
    await db.insert(partnershipMembers).values(
      partnershipRows.flatMap((p, i) => [
        { partnershipId: p.id, personId: made[2 * i]!.id },
        { partnershipId: p.id, personId: made[2 * i + 1]!.id },
      ]),
    );
  }
  if (pairs < 1) throw new Error("--count must be at least 2");
}

async function planAndEnqueue(database: Database, at: Date) {
  const store = createCheckinStore(database.db);
  const started = performance.now();
  let created = 0;
  for await (const page of store.partnershipsToPlan(at))
    created += await store.savePlans(planCheckins(page, at));
  const planned = performance.now();
  const counts = await createCheckinService({ store }).run(at);
  const enqueued = performance.now();
  // The check-in is as of a simulated Tuesday 10:00 UTC; the delivery worker runs on the real clock.
  await database.db.execute(sql`update outbox set next_attempt_at = now()`);
  return {
    checkins: created,
    prompts: counts.sent,
    planMs: planned - started,
    enqueueMs: enqueued - planned,
  };
}

// ---- delivery: a worker in a child process (PostgreSQL), or in this process (PGlite belongs to one process) ----

interface RunningWorker {
  /** kill -9 of the worker's process, once it has exited. */
  kill?(): Promise<void>;
  stop(): Promise<void>;
}

function startChildWorker(databaseUrl: string, slackUrl: string): Promise<RunningWorker> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./fanout-worker.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        FANOUT_DATABASE_URL: databaseUrl,
        FANOUT_SLACK_URL: slackUrl,
        FANOUT_RATE: String(WORKER_RATE),
        FANOUT_LEASE_MS: String(LEASE_MS),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const worker: RunningWorker = {
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout?.once("data", () => resolve(worker));
  });
}

async function startInProcessWorker(database: Database, slackUrl: string): Promise<RunningWorker> {
  const worker = createBenchWorker({ db: database.db, slackUrl, rate: WORKER_RATE, leaseMs: LEASE_MS });
  worker.start();
  return { stop: () => worker.stop() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function outboxCounts(database: Database): Promise<Record<string, number>> {
  const rows = rowsOf<{ status: string; n: number }>(
    await database.db.execute(sql`select status, count(*)::int as n from outbox group by status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function deliver(
  database: Database,
  startWorker: () => Promise<RunningWorker>,
  fake: FakeSlack,
  expected: number,
  killAtHalf: boolean,
) {
  fake.reset();
  const started = performance.now();
  let worker = await startWorker();
  let killedAt: number | null = null;
  let restartMs = 0;
  const deadline = started + (expected / RATE) * 3_000 + 120_000;
  let checkedAt = 0;
  for (;;) {
    if (killAtHalf && killedAt === null && worker.kill && fake.successes() >= expected / 2) {
      await worker.kill();
      killedAt = fake.successes();
      const restarting = performance.now();
      worker = await startWorker();
      restartMs = performance.now() - restarting;
    }
    if (performance.now() - checkedAt >= 250) {
      checkedAt = performance.now();
      const counts = await outboxCounts(database);
      if ((counts.pending ?? 0) === 0) break;
      if (checkedAt > deadline) {
        out(`  gave up waiting: ${JSON.stringify(counts)}`);
        break;
      }
    }
    await sleep(killAtHalf && killedAt === null ? 5 : 50);
  }
  await worker.stop();
  const received = [...fake.delivered.values()];
  const duplicates = received.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const lost = expected - fake.delivered.size;
  const seconds = (fake.lastAt() - fake.firstAt()) / 1000;
  const achieved = seconds > 0 ? (fake.successes() - 1) / seconds : 0;
  const counts = await outboxCounts(database);
  return {
    delivered: fake.delivered.size,
    achieved,
    fraction: achieved / RATE,
    throttled: fake.throttled(),
    duplicates,
    lost,
    seconds,
    killedAt,
    restartMs,
    outbox: counts,
  };
}

// ---- the run ----

/** The database under test: PostgreSQL (a throwaway database on the server) or PGlite in memory. */
interface Target {
  label: string;
  database: Database;
  /** Whether the worker runs in its own process, so that it can be killed with -9. */
  killable: boolean;
  startWorker(slackUrl: string): Promise<RunningWorker>;
  dispose(): Promise<void>;
}

async function openPostgres(baseUrl: string): Promise<Target | null> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  let version: string;
  try {
    const [row] = await admin`select current_setting('server_version') as version`;
    version = String(row?.version);
  } catch (error) {
    out(`Skipped: PostgreSQL is not reachable at ${new URL(baseUrl).host} (${(error as Error).message}).`);
    out("Set BENCH_DATABASE_URL or DATABASE_URL to a server where a throwaway database may be created,");
    out("or unset both to measure on PGlite.");
    await admin.end({ timeout: 1 });
    return null;
  }
  const name = `collab_bench_fanout_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await admin.unsafe(`create database ${name}`);
  const url = withDatabaseName(baseUrl, name);
  const database = await openDatabase({ kind: "postgres", url, maxConnections: 4 });
  await migrateDatabase(database, url);
  return {
    label: `PostgreSQL ${version}; throwaway database ${name}`,
    database,
    killable: true,
    startWorker: (slackUrl) => startChildWorker(url, slackUrl),
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function openPglite(): Promise<Target> {
  const database = await openDatabase({ kind: "pglite-memory" });
  await migrateDatabase(database);
  return {
    label: "PGlite (in memory)",
    database,
    killable: false,
    startWorker: (slackUrl) => startInProcessWorker(database, slackUrl),
    dispose: () => database.close(),
  };
}

async function main() {
  const baseUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const cpu = cpus();
  out("Check-in fan-out benchmark");
  out(
    `Machine: ${cpu[0]?.model ?? "unknown cpu"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  const target = baseUrl ? await openPostgres(baseUrl) : await openPglite();
  if (!target) return;
  const { database } = target;
  const fake = await startFakeSlack(RATE);
  try {
    out(target.label);
    out(
      `Members due at once: ${COUNT} (${COUNT / 2} partnerships); fake Slack allows N = ${RATE}/s, then 429`,
    );
    if (DELIVER)
      out(
        `Delivery worker: ${target.killable ? "a child process" : "in this process"}, limit ${WORKER_RATE}/s per workspace, lease ${LEASE_MS / 1000} s`,
      );
    else out("Delivery: not measured (--no-delivery)");
    const seeding = performance.now();
    await seed(database, COUNT);
    out(`Seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const phases = [
      { label: "Delivery", at: new Date("2026-11-24T10:00:00Z"), kill: false },
      {
        label: target.killable
          ? "Delivery with kill -9 of the worker at half-way, then a restart"
          : "Delivery (no kill -9 on PGlite: the worker shares this process)",
        at: new Date("2026-12-01T10:00:00Z"),
        kill: target.killable,
      },
    ];
    for (const phase of phases) {
      await database.db.execute(sql`delete from outbox`);
      const timing = await planAndEnqueue(database, phase.at);
      const total = timing.planMs + timing.enqueueMs;
      out("");
      out(`Check-in of ${phase.at.toISOString()}:`);
      out(
        `  plan ${timing.checkins} check-ins: ${(timing.planMs / 1000).toFixed(2)} s; ` +
          `enqueue ${timing.prompts} prompts: ${(timing.enqueueMs / 1000).toFixed(2)} s; ` +
          `total ${(total / 1000).toFixed(2)} s (target ≤ 5 s: ${total <= 5_000 ? "met" : "MISSED"})`,
      );
      if (!DELIVER) continue;
      const result = await deliver(
        database,
        () => target.startWorker(fake.url),
        fake,
        timing.prompts,
        phase.kill,
      );
      out(`  ${phase.label}:`);
      if (result.killedAt !== null) {
        out(
          `    killed after ${result.killedAt} deliveries; new worker process ready in ${result.restartMs.toFixed(0)} ms`,
        );
      }
      out(
        `    delivered ${result.delivered}/${timing.prompts} in ${result.seconds.toFixed(1)} s: ` +
          `${result.achieved.toFixed(1)}/s = ${(result.fraction * 100).toFixed(1)}% of N (target ≥ 90%: ${result.fraction >= 0.9 ? "met" : "MISSED"})`,
      );
      out(`    429s answered: ${result.throttled}; duplicates: ${result.duplicates}; lost: ${result.lost}`);
      out(`    outbox afterwards: ${JSON.stringify(result.outbox)}`);
    }
  } finally {
    await fake.close();
    await target.dispose();
  }
}

await main();
