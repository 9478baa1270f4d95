// The real `npm start` (bin/start.js) and `collab` (bin/collab.js) in child processes, as a user runs them.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");

export interface Spawned {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) when the process has exited. */
  exited: Promise<number | string | null>;
}

/**
 * Spawns `node <args>` in the repository with only PATH and `env` (never the developer's DATABASE_URL or .env:
 * ENV_FILE is /dev/null unless the test sets it). stdio "pipe" unless the test wants to wire it itself.
 */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; stdio?: "pipe" | ["ignore", "pipe", "pipe"] } = {},
): Spawned {
  let output = "";
  let stderr = "";
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? root,
    env: { PATH: process.env.PATH ?? "", ENV_FILE: "/dev/null", ...env },
    stdio: options.stdio ?? ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
    stderr += String(chunk);
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, stderr: () => stderr, exited };
}

/** `npm start` as package.json runs it: bin/start.js, built to dist/ first when src/ changed. */
export function spawnStart(env: Record<string, string>): Spawned {
  return spawnNode(["bin/start.js"], env);
}

export async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The port of a started server, from its "Listening on" line. */
export async function listeningPort(service: Spawned, timeoutMs = 60_000): Promise<number> {
  const pattern = /Listening on http:\/\/localhost:(\d+)/;
  await waitFor(() => pattern.test(service.output()), timeoutMs);
  return Number(service.output().match(pattern)?.[1]);
}
