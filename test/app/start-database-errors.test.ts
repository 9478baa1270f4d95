// `npm start` against a PostgreSQL it cannot use: one line naming DATABASE_URL and the cause, within seconds.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../helpers/database.ts";
import { withDatabaseName } from "../helpers/global-setup.ts";
import { spawnStart } from "../helpers/spawned.ts";

/** A port that accepts TCP connections and never says a word: what an unroutable host or a dead proxy looks like. */
let silent: Server;
const sockets: Socket[] = [];
/** A port nothing listens on. */
let closedPort: number;

beforeAll(async () => {
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function startAgainst(
  url: string,
): Promise<{ code: number | string | null; lines: string[]; ms: number }> {
  const started = Date.now();
  const service = spawnStart({ DATABASE_URL: url, PORT: "0" });
  const timer = setTimeout(() => service.child.kill("SIGKILL"), 25_000);
  const code = await service.exited;
  clearTimeout(timer);
  // The one line that matters; the start-up's info line naming where settings came from may come before it.
  const lines = service
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "" && !/"level":30,/.test(line));
  return { code, lines, ms: Date.now() - started };
}

function messageOf(line: string): string {
  try {
    return String((JSON.parse(line) as { msg?: unknown }).msg);
  } catch {
    return line;
  }
}

describe("npm start when the database cannot be used", () => {
  it("a closed port: exits 1 with one line naming DATABASE_URL and ECONNREFUSED", async () => {
    const run = await startAgainst(`postgres://collab:s3cret-pw@127.0.0.1:${closedPort}/collab`);
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    const message = messageOf(run.lines[0] ?? "");
    expect(message).toMatch(/^Cannot start: DATABASE_URL \(postgres:\/\/collab@127\.0\.0\.1:\d+\/collab\)/);
    expect(message).toContain("ECONNREFUSED");
    expect(run.lines[0]).not.toContain("s3cret-pw");
  }, 30_000);

  it("a host that never answers: gives up within the 10 s connect timeout, naming DATABASE_URL", async () => {
    const port = (silent.address() as { port: number }).port;
    const run = await startAgainst(`postgres://collab@127.0.0.1:${port}/collab`);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(20_000);
    expect(run.lines).toHaveLength(1);
    expect(messageOf(run.lines[0] ?? "")).toMatch(
      /^Cannot start: DATABASE_URL \(.*\) did not answer within 10 s \(CONNECT_TIMEOUT\)/,
    );
  }, 30_000);

  it.runIf(onPostgres)(
    "a database that does not exist: names it and says to create it",
    async () => {
      const url = withDatabaseName(process.env.DATABASE_URL ?? "", "collab_no_such_database");
      const run = await startAgainst(url);
      expect(run.code).toBe(1);
      expect(run.lines).toHaveLength(1);
      const message = messageOf(run.lines[0] ?? "");
      expect(message).toContain('database "collab_no_such_database" does not exist');
      expect(message).toContain("DATABASE_URL");
    },
    30_000,
  );
});
