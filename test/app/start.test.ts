import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { onPostgres } from "../helpers/database.ts";

const root = join(import.meta.dirname, "..", "..");

function startService(
  env: Record<string, string>,
  args = ["--import", "tsx", "src/app/main.ts"],
): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  return { child, output: () => output };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(onPostgres)("npm start with nothing configured", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
  });

  it("serves /healthz on the embedded database, says how to turn platforms on, and stops on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-start-"));
    const service = startService({ DATA_DIR: dataDir, PORT: "0" });
    child = service.child;
    await waitFor(() => /Listening on http:\/\/localhost:(\d+)/.test(service.output()), 60_000);
    const port = service.output().match(/Listening on http:\/\/localhost:(\d+)/)![1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(service.output()).toContain("set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN");
    expect(service.output()).toContain("MICROSOFT_APP_ID");

    const exited = new Promise<number | null>((resolve) => service.child.once("exit", resolve));
    service.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(service.output()).toContain("Stopped");
  }, 90_000);

  it("runs as `npm start` does: built to plain JavaScript in dist/, then served from it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-start-"));
    const service = startService({ DATA_DIR: dataDir, PORT: "0" }, ["bin/start.js"]);
    child = service.child;
    await waitFor(() => /Listening on http:\/\/localhost:(\d+)/.test(service.output()), 60_000);
    const port = service.output().match(/Listening on http:\/\/localhost:(\d+)/)![1];
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(service.output()).not.toContain("Could not build");
    expect(existsSync(join(root, "dist", "app", "main.js"))).toBe(true);
    const exited = new Promise<number | null>((resolve) => service.child.once("exit", resolve));
    service.child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 90_000);

  it("refuses to start with one line naming a bad variable", async () => {
    const service = startService({ PORT: "eighty" });
    child = service.child;
    const code = await new Promise<number | null>((resolve) => service.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(service.output().trim()).toMatch(/^Cannot start: PORT is "eighty"/);
  }, 30_000);
});
