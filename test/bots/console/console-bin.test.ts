// The README's two-minute path in child processes: `collab demo`, then `collab chat --as …` typed into through stdin.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "../../helpers/database.ts";

const bin = fileURLToPath(new URL("../../../bin/collab.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "collab-chat-"));

function collab(
  args: string[],
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Never the developer's DATABASE_URL: this is the embedded database of a fresh clone, in a temporary DATA_DIR.
  const { DATABASE_URL: _ignored, LOG_LEVEL: _level, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, DATA_DIR: dataDir } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

// The bin runs on the embedded database of a fresh clone whatever DATABASE_URL says, so the PostgreSQL pass skips it.
describe.skipIf(onPostgres)("npx collab demo, then npx collab chat --as …", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("loads the demo and chats through stdin and stdout", { timeout: 300_000 }, async () => {
    const demo = await collab(["demo"]);
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain("npx collab chat --as amara.nwosu@riverside.example");

    const chat = await collab(
      ["chat", "--as", "amara.nwosu@riverside.example"],
      "help\nfind-collaborator a health economist for a cost-effectiveness analysis\nquit\n",
    );
    expect(chat.stderr).toBe("");
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain("You are chatting as Amara Nwosu (Riverside Hospital)");
    expect(chat.stdout).toContain("• `find-collaborator <need>` — ");
    expect(chat.stdout).toMatch(/Samir Patel · Eastbrook University\n.*\n\[1\] Request intro/);
    expect(chat.stdout.trimEnd().endsWith("Bye.")).toBe(true);

    // The README's next step: the check-in instant the demo printed is still ahead, so even after the bot has
    // run (here: the check-ins job as of now, as `npm start` does at once) it brings Amara a check-in to answer.
    const printed = /jobs run checkins --now (\S+)/.exec(demo.stdout)?.[1] ?? "";
    expect(Date.parse(printed)).toBeGreaterThan(Date.now());
    const botRan = await collab(["jobs", "run", "checkins"]);
    expect(botRan.code).toBe(0);
    const checkin = await collab(
      ["chat", "--as", "amara.nwosu@riverside.example"],
      `jobs run checkins --now ${printed}\nquit\n`,
    );
    expect(checkin.code).toBe(0);
    expect(checkin.stdout).not.toContain("(nothing arrived for you)");
    expect(checkin.stdout).toMatch(/\[\d+\] On track/);

    const nobody = await collab(["chat", "--as", "nobody@example.org"]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toBe(
      "No person with email nobody@example.org: run `npx collab demo` or `npx collab import people FILE.csv` first.\n",
    );
  });
});
