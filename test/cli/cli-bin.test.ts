// The real `collab` executable in a child process: exit codes 0 and 2 outside vitest, on a fresh embedded database.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/cli.ts";
import { onPostgres } from "../helpers/database.ts";

const bin = fileURLToPath(new URL("../../bin/collab.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "collab-bin-"));

function collab(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // Never the developer's DATABASE_URL: this test is about the embedded database in a temporary DATA_DIR.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: "warn" }, timeout: 50_000, ...(cwd ? { cwd } : {}) },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// The bin runs on the embedded database whatever DATABASE_URL says, so the PostgreSQL pass skips it.
describe.skipIf(onPostgres)("bin/collab.js", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("exits 0 on --help and on a good import, 2 on a bad file", { timeout: 60_000 }, async () => {
    const help = await collab(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: collab");

    const bad = await collab(["import", "people", fixture("people-bad-email.csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'people-bad-email.csv row 4: email "gus-at-example.org" is not an email address\n',
    );

    const good = await collab(["import", "people", fixture("people.csv")]);
    expect(good.stderr).toBe("");
    expect(good.stdout).toBe("Imported 3 people (3 new, 0 updated) into 2 programmes.\n");
    expect(good.code).toBe(0);
  });

  it("`teams package` writes collab-teams.zip in the current directory; a domain with a scheme exits 2", async () => {
    const built = await collab(
      [
        "teams",
        "package",
        "--app-id",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "--domain",
        "collab.example.org",
      ],
      dataDir,
    );
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(existsSync(join(dataDir, "collab-teams.zip"))).toBe(true);
    const bad = await collab(
      [
        "teams",
        "package",
        "--app-id",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "--domain",
        "https://collab.example.org",
      ],
      dataDir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
