// Logs are pretty, coloured lines when stdout is a terminal, and JSON lines when it is a pipe (a collector, a file).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const logOnce =
  'const { createLogger } = await import("./src/logger.ts"); createLogger().info({ job: "checkins" }, "Job ran");';
const node = [process.execPath, "--import", "tsx", "--input-type=module", "-e", logOnce];
const env = { PATH: process.env.PATH ?? "", TERM: "xterm-256color" };

describe("the logger on a terminal and on a pipe", () => {
  it("writes JSON lines to a pipe", () => {
    const out = execFileSync(node[0]!, node.slice(1), { cwd: root, env, encoding: "utf8" });
    expect(JSON.parse(out.trim())).toMatchObject({ level: 30, job: "checkins", msg: "Job ran" });
  });

  it("writes a pretty, coloured line to a terminal", () => {
    // `script` gives the command a pseudo-terminal as its stdout, as a person's shell would.
    const command = node.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ");
    const out = execFileSync("script", ["-qec", command, "/dev/null"], { cwd: root, env, encoding: "utf8" });
    expect(out).not.toContain('"level"');
    expect(out).toContain("\u001b[");
    expect(stripVTControlCharacters(out)).toMatch(/INFO.*: Job ran/);
    expect(out).toContain("checkins");
  });
});
