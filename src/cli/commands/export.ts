// `collab export`: every table as one JSON document on stdout; the export is written to the audit log.
import type { Command } from "commander";
import { exportAllData } from "../../db/export-data.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, context: CliContext): void {
  program
    .command("export")
    .description("write all data as one JSON document to stdout")
    .action(async () => {
      const data = await context.withDatabase((database) => exportAllData(database.db));
      context.out(JSON.stringify(data, null, 2));
    });
}
