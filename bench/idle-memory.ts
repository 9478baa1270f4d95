// Memory of an embedded (PGlite) bot: the real `npm start` idle on a new data directory and on that one again, one
// `collab chat`, and a first `collab demo` on a data directory that does not exist yet.
// Prints each process' peak and settled RSS read from /proc (and the peak of its whole process tree, which includes
// the initdb child on a new data directory when no seed matches PGlite), and the machine. Linux only.
// `npm run bench:idle-memory`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 15_000);
const SAMPLE_MS = 100;

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The pid and its descendants, from /proc/<pid>/stat's parent field. */
function tree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process has gone meanwhile.
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i += 1) out.push(...(parents.get(out[i] ?? -1) ?? []));
  return out;
}

interface Watch {
  /** Highest sum of RSS over the process and its children seen so far, in kB. */
  treePeakKb: number;
  stop(): void;
}

function watchTree(pid: number): Watch {
  const watch: Watch = { treePeakKb: 0, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    const total = tree(pid).reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0);
    watch.treePeakKb = Math.max(watch.treePeakKb, total);
  }, SAMPLE_MS);
  return watch;
}

function spawnNode(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ENV_FILE: "/dev/null", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  return { child, output: () => output };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** `first`: a new data directory (unpacked from the seed, or initdb in a child); otherwise a start on that one. */
async function measureStart(dataDir: string, first: boolean): Promise<void> {
  const started = Date.now();
  const server = spawnNode(["bin/start.js"], { DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "info" });
  const pid = server.child.pid ?? 0;
  const watch = watchTree(pid);
  await until(() => server.output().includes("Listening on"), 300_000, "npm start to listen");
  const readyMs = Date.now() - started;
  await sleep(SETTLE_MS);
  const settled = statusKb(pid, "VmRSS");
  const peak = statusKb(pid, "VmHWM");
  watch.stop();
  server.child.kill("SIGTERM");
  await exited(server.child);
  const how = /initdb/.test(server.output()) ? "initdb in a child process" : "from the seed";
  console.log(
    `npm start, ${first ? `first start on new data dir (${how})` : "idle after start (data dir exists)"}: ` +
      `listening after ${(readyMs / 1000).toFixed(1)} s; ` +
      `server peak ${mb(peak)}, settled ${mb(settled)} (after ${SETTLE_MS / 1000} s idle); ` +
      `process tree peak ${mb(watch.treePeakKb)}`,
  );
}

/** The first `collab` command on a data directory that does not exist yet creates the database, as `npm start` does. */
async function measureFirstCommand(dataDir: string): Promise<void> {
  const demo = spawnNode(["bin/collab.js", "demo"], { DATA_DIR: dataDir, LOG_LEVEL: "info" });
  const pid = demo.child.pid ?? 0;
  const watch = watchTree(pid);
  let peak = 0;
  const peaks = setInterval(() => {
    peak = Math.max(peak, statusKb(pid, "VmHWM"));
  }, SAMPLE_MS);
  await exited(demo.child);
  clearInterval(peaks);
  watch.stop();
  const how = /initdb/.test(demo.output()) ? "initdb in a child process" : "from the seed";
  console.log(
    `collab demo, first command on a new data dir (${how}): peak ${mb(peak)}; process tree peak ${mb(watch.treePeakKb)}`,
  );
}

async function measureChat(dataDir: string): Promise<void> {
  execFileSync(process.execPath, [join(root, "bin", "collab.js"), "demo"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ENV_FILE: "/dev/null", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const chat = spawnNode(["bin/collab.js", "chat", "--as", "amara.nwosu@riverside.example"], {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  });
  const pid = chat.child.pid ?? 0;
  const watch = watchTree(pid);
  await until(() => chat.output().trim().length > 0, 120_000, "the chat's greeting");
  chat.child.stdin?.write("help\n");
  await until(() => /find-collaborator/.test(chat.output()), 60_000, "the chat's help");
  await sleep(SETTLE_MS / 3);
  const settled = statusKb(pid, "VmRSS");
  const peak = statusKb(pid, "VmHWM");
  watch.stop();
  chat.child.stdin?.end("quit\n");
  await exited(chat.child);
  console.log(
    `collab chat (after \`help\`): peak ${mb(peak)}, settled ${mb(settled)}; process tree peak ${mb(watch.treePeakKb)}`,
  );
}

const cpu = cpus();
console.log(
  `Machine: ${cpu[0]?.model ?? "unknown cpu"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
);
const dataDir = mkdtempSync(join(tmpdir(), "collab-idle-memory-"));
const cliRoot = mkdtempSync(join(tmpdir(), "collab-idle-memory-cli-"));
try {
  // Build dist/ first, so the figures are those of the server, not of the compiler.
  execFileSync(process.execPath, [join(root, "bin", "build.js")], { stdio: "ignore" });
  await measureStart(dataDir, true);
  await measureStart(dataDir, false);
  await measureChat(dataDir);
  await measureFirstCommand(join(cliRoot, "data"));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(cliRoot, { recursive: true, force: true });
}
