// Issue 17, item 4: a closed or unread stdout never keeps `npm start` from stopping, nor makes `collab` crash.
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { onPostgres } from "../helpers/database.ts";
import { listeningPort, type Spawned, spawnNode, spawnStart } from "../helpers/spawned.ts";

describe.skipIf(onPostgres)("stopping whatever stdout does", () => {
  let service: Spawned | undefined;
  afterEach(() => {
    service?.child.kill("SIGKILL");
  });

  it("`npm start | head`: with the reader gone and a request that never ends, SIGTERM stops it within the grace", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-stop-"));
    const server = spawnStart({ DATA_DIR: dataDir, PORT: "0" });
    service = server;
    const port = await listeningPort(server);
    // The reader goes away (head has its lines), then a client starts a request and never finishes its body.
    server.child.stdout?.destroy();
    const client = connect(port, "127.0.0.1");
    await new Promise((resolve) => client.once("connect", resolve));
    client.write(
      "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    await new Promise((r) => setTimeout(r, 500));
    const stopped = Date.now();
    server.child.kill("SIGTERM");
    const code = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(() => r("still running"), 20_000)),
    ]);
    client.destroy();
    expect(code).not.toBe("still running");
    expect(Date.now() - stopped).toBeLessThan(15_000);
    expect(server.stderr()).not.toMatch(/EPIPE|Error:/);
  }, 120_000);

  it("`collab --help | <a reader that closed>` exits quietly, without an EPIPE stack", async () => {
    const run = spawnNode(["bin/collab.js", "--help"], {
      DATA_DIR: mkdtempSync(join(tmpdir(), "collab-pipe-")),
    });
    run.child.stdout?.destroy();
    const code = await run.exited;
    expect(run.stderr()).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);
});
