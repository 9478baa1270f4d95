// Runs the collab CLI in-process against a test database and captures its exit code and output.
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/run.ts";
import type { DataExport } from "../../src/db/export-data.ts";
import type { TestDatabase } from "./database.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** `extraEnv`: more settings, e.g. the base URL of a loopback fake. */
export async function runWith(
  database: TestDatabase,
  argv: string[],
  extraEnv: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const env = {
    ...(database.url
      ? { LOG_LEVEL: "silent", DATABASE_URL: database.url }
      : { LOG_LEVEL: "silent", DATA_DIR: "/nonexistent/collab-test" }),
    ...extraEnv,
  };
  const code = await runCli(
    argv,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env,
    },
    { openDatabase: async () => database, closeDatabase: async () => {} },
  );
  return { code, stdout, stderr };
}

/** `collab export`, parsed; fails the test when the export does. */
export async function exportOf(database: TestDatabase): Promise<DataExport & { text: string }> {
  const run = await runWith(database, ["export"]);
  if (run.code !== 0) throw new Error(`collab export exited ${run.code}: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as DataExport), text: run.stdout };
}

/** The data that an import must leave alone: every table, and the audit log without its export entries. */
export function withoutExportAudit(data: DataExport): DataExport["tables"] {
  const audit = (data.tables.audit_log ?? []).filter((row) => row.action !== "data.export");
  return { ...data.tables, audit_log: audit };
}
