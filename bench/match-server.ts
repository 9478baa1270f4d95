// The bot server's own memory with a seeded database: starts it as `npm start` does, asks /find-collaborator, reads /proc.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { chatIdentities, people } from "../src/db/schema.ts";
import { startFakeSlackApi } from "../test/fakes/fake-slack-api.ts";
import { signSlackBody, slashCommandBody } from "../test/helpers/slack-requests.ts";
import { fixtureNeeds } from "./match-synthetic.ts";

export const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-bench-0000000000-0000000000000-abcdefghijklmnopqrstuvwx";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

export type ServerTarget = { db: "pglite"; dataDir: string } | { db: "postgres"; url: string };

export interface ServerMemory {
  /**
   * The process that serves HTTP (the deepest node process of `npm start`): peak and current RSS, in bytes,
   * after the index is built and queried and before any scheduled job has run (the server starts just after a
   * minute turns, and the jobs run on the minute).
   */
  peak: number;
  settled: number;
  /** Whether a minute turned before `peak` was read after all (a slow machine): the jobs are then in it. */
  jobsInPeak: boolean;
  /** Its peak RSS once the next minute's scheduled jobs have run as well. */
  peakWithJobs: number;
  /** Every process `npm start` left running (npm, a launcher, the server), peak RSS summed. */
  treePeak: number;
  processes: { command: string; peak: number; rss: number }[];
  firstAnswerMs: number;
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number.parseInt(line?.split(/\s+/)[1] ?? "0", 10) * 1024;
}

/** The processes under `root`, root first, each before its children. */
function tree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of parents.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Posts a signed Slack request to a server's /slack/events; resolves with the round trip in ms once it is 200. */
export async function signedPost(port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const t0 = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackBody(body, timestamp, SIGNING_SECRET),
    },
    body,
  });
  const text = await response.text();
  const elapsed = performance.now() - t0;
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return elapsed;
}

const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const benchUser = (i: number) => `U0SRV${String(i).padStart(4, "0")}`;

/** Gives 50 people a Slack identity so that they can ask; returns how many. */
async function addRequesters(target: ServerTarget): Promise<number> {
  const database =
    target.db === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: target.dataDir })
      : await openDatabase({ kind: "postgres", url: target.url, maxConnections: 1 });
  try {
    const result: unknown = await database.db.execute(
      sql`select id from ${people} where not opted_out order by id limit 50`,
    );
    const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
      id: string;
    }[];
    await database.db
      .insert(chatIdentities)
      .values(
        rows.map((r, i) => ({
          personId: r.id,
          platform: "slack",
          tenantId: "T0FAKE001",
          userId: benchUser(i),
        })),
      )
      .onConflictDoNothing();
    return rows.length;
  } finally {
    await database.close();
  }
}

/**
 * Starts the server with `npm start` on the target, sends `queries` signed /find-collaborator commands (the first
 * builds the index from the database), waits for each answer, then reads every process's VmHWM and VmRSS.
 */
export async function measureServer(
  target: ServerTarget,
  needs: readonly string[],
  queries = 100,
): Promise<ServerMemory> {
  const requesters = await addRequesters(target);
  const slackApi = await startFakeSlackApi();
  const port = await freePort();
  // Start just after a minute turns, so that the first measurement comes before the jobs' next run.
  const second = new Date().getSeconds();
  if (second > 20) await sleep((61 - second) * 1000);
  const startedMinute = Math.floor(Date.now() / 60_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    LOG_LEVEL: "info",
    NODE_OPTIONS: "",
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (target.db === "postgres") env.DATABASE_URL = target.url;
  else env.DATA_DIR = target.dataDir;
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  try {
    const deadline = Date.now() + 120_000;
    while (!log.includes("Listening on")) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    let firstAnswerMs = 0;
    for (let i = 0; i < queries; i++) {
      const id = `srv-${i}`;
      const body = slashCommandBody({
        command: "/find-collaborator",
        text: needs[i % needs.length]!,
        user_id: benchUser(i % requesters),
        response_url: slackApi.responseUrl(id),
      });
      const t0 = performance.now();
      await signedPost(port, body);
      while (!slackApi.calls.some((c) => c.method === "response_url" && c.args._id === id)) {
        if (child.exitCode !== null) throw new Error(`the server stopped:\n${log}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      if (i === 0) firstAnswerMs = performance.now() - t0;
    }
    const answer = slackApi.callsTo("response_url").at(-1)?.args;
    if (!JSON.stringify(answer ?? {}).includes("Request intro")) {
      throw new Error(`no suggestions: ${JSON.stringify(answer).slice(0, 500)}\n${log.slice(-2000)}`);
    }
    if (process.env.BENCH_SERVER_LOG) writeFileSync(process.env.BENCH_SERVER_LOG, log);
    // Settled: what stays after a few quiet seconds (no forced GC: the server runs as it would in production).
    await sleep(5_000);
    const processes = tree(child.pid!).map((pid) => ({
      command: commandOf(pid).slice(0, 120),
      peak: statusField(pid, "VmHWM"),
      rss: statusField(pid, "VmRSS"),
    }));
    const jobsInPeak = Math.floor(Date.now() / 60_000) !== startedMinute;
    const serverPid = tree(child.pid!)
      .filter((pid) => /(^|\/)node /.test(commandOf(pid)))
      .at(-1)!;
    const peak = statusField(serverPid, "VmHWM");
    const settled = statusField(serverPid, "VmRSS");
    // Then past the next minute, when the scheduled jobs (check-ins, reminders, …) have run on this database too.
    await sleep(60_000 - (Date.now() % 60_000) + 15_000);
    return {
      peak,
      settled,
      jobsInPeak,
      peakWithJobs: statusField(serverPid, "VmHWM"),
      treePeak: processes.reduce((sum, p) => sum + p.peak, 0),
      processes,
      firstAnswerMs,
    };
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) =>
      child.exitCode !== null ? resolve() : child.once("close", () => resolve()),
    );
    await slackApi.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const where = process.argv[2] ?? "";
  const target: ServerTarget = where.startsWith("postgres")
    ? { db: "postgres", url: where }
    : { db: "pglite", dataDir: where };
  const result = await measureServer(target, fixtureNeeds);
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}
