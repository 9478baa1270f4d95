// `collab import partnerships FILE.csv`: checks every row and every person and programme named, then imports all or none.

import type { Command } from "commander";
import { validatePartnershipsCsv } from "../../core/partnerships/partnerships-csv.ts";
import { count } from "../../core/plural.ts";
import { importPartnerships } from "../../db/partnership-store.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";
import { readCsvFile } from "../read-csv.ts";

function firstOf(errors: readonly string[]): string {
  const [first = "", ...more] = errors;
  return more.length > 0 ? `${first} (and ${count(more.length, "more problem")})` : first;
}

export function register(parent: Command, context: CliContext): void {
  parent
    .command("partnerships")
    .description(
      "create or update partnerships (keyed by programme and title) from a CSV; a bad row imports nothing",
    )
    .argument("<file>", "CSV with columns title,programme,member_emails,cadence[,weekday,local_hour]")
    .action(async (file: string) => {
      const csv = readCsvFile(file);
      const validated = validatePartnershipsCsv(csv);
      if (!validated.ok) throw new UsageError(firstOf(validated.errors));
      const result = await context.withDatabase((database) =>
        importPartnerships(database.db, csv.fileName, validated.partnerships, new Date()),
      );
      if (!result.ok) throw new UsageError(firstOf(result.errors));
      const total = result.created + result.updated;
      context.out(
        `Imported ${count(total, "partnership")} (${result.created} new, ${result.updated} updated).`,
      );
    });
}
