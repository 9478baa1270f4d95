import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { onPostgres } from "../helpers/database.ts";
import { listeningPort, root, type Spawned, spawnNode, spawnStart } from "../helpers/spawned.ts";

describe.skipIf(onPostgres)("npm start with nothing configured", () => {
  let service: Spawned | undefined;
  afterEach(() => {
    service?.child.kill("SIGKILL");
  });

  it("serves /healthz on the embedded database, says how to turn platforms on, and stops on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-start-"));
    service = spawnNode(["--import", "tsx", "src/app/main.ts"], { DATA_DIR: dataDir, PORT: "0" });
    const port = await listeningPort(service);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(service.output()).toContain("set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN");
    expect(service.output()).toContain("MICROSOFT_APP_ID");

    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain("Stopped");
  }, 90_000);

  it("runs as `npm start` does: built to plain JavaScript in dist/, then served from it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-start-"));
    service = spawnStart({ DATA_DIR: dataDir, PORT: "0" });
    const port = await listeningPort(service);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(service.output()).not.toContain("Could not build");
    expect(existsSync(join(root, "dist", "app", "main.js"))).toBe(true);
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
  }, 90_000);

  it("refuses to start with one line naming a bad variable", async () => {
    service = spawnNode(["--import", "tsx", "src/app/main.ts"], { PORT: "eighty" });
    expect(await service.exited).toBe(1);
    expect(service.output().trim()).toMatch(/^Cannot start: PORT is "eighty"/);
  }, 30_000);
});
