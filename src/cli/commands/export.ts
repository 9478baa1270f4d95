// `collab export`: every table as one JSON document on stdout (audited); `collab export partnerships` the answers as CSV.
import type { Command } from "commander";
import { exportAllData } from "../../db/export-data.ts";
import type { CliContext } from "../context.ts";
import * as exportPartnerships from "./export-partnerships.ts";

export function register(program: Command, context: CliContext): void {
  const parent = program
    .command("export")
    .description("write all data as one JSON document to stdout")
    .action(async () => {
      const data = await context.withDatabase((database) => exportAllData(database.db));
      context.out(JSON.stringify(data, null, 2));
    });
  // `collab export partnerships --format csv`: a subcommand beside the JSON export of everything.
  exportPartnerships.register(parent, context);
}
