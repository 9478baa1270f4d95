// `collab import mentorships FILE.csv`: checks every row, then imports all of them in one transaction or none.

import type { Command } from "commander";
import { validateMentorshipsCsv } from "../../core/mentoring/mentorships-csv.ts";
import { count } from "../../core/plural.ts";
import { importMentorships } from "../../db/import-mentorships.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";
import { readCsvFile } from "../read-csv.ts";

export function register(parent: Command, context: CliContext): void {
  parent
    .command("mentorships")
    .description(
      "import or update mentorships (keyed by mentor and mentee) from a CSV file; a bad row imports nothing",
    )
    .argument("<file>", "CSV: mentor_email,mentee_email,programme,goals,rhythm_days,follow_up_days")
    .action(async (file: string) => {
      const csv = readCsvFile(file);
      const validated = validateMentorshipsCsv(csv);
      if (!validated.ok) throw new UsageError(validated.error);
      const result = await context.withDatabase((database) =>
        importMentorships(database.db, validated.rows, csv.fileName),
      );
      if (!result.ok) throw new UsageError(`${csv.fileName} row ${result.row}: ${result.reason}`);
      const total = result.created + result.updated;
      context.out(
        `Imported ${count(total, "mentorship")} (${result.created} new, ${result.updated} updated).`,
      );
    });
}
