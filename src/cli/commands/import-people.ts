// `collab import people FILE.csv`: checks every row first, then imports all of them in one transaction or none.
import type { Command } from "commander";
import { validatePeopleCsv } from "../../core/people-csv.ts";
import { count } from "../../core/plural.ts";
import { importPeople } from "../../db/people-store.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";
import { readCsvFile } from "../read-csv.ts";

export function register(parent: Command, context: CliContext): void {
  parent
    .command("people")
    .description("import or update people (keyed by email) from a CSV file; a bad row imports nothing")
    .argument("<file>", "CSV with a header row; see DESIGN.md for the columns")
    .action(async (file: string) => {
      const validated = validatePeopleCsv(readCsvFile(file));
      if (!validated.ok) {
        const [first, ...more] = validated.errors;
        const tail = more.length > 0 ? ` (and ${count(more.length, "more problem", "more problems")})` : "";
        throw new UsageError(`${first}${tail}`);
      }
      const result = await context.withDatabase((database) => importPeople(database.db, validated.people));
      const people = count(result.created + result.updated, "person", "people");
      const programmes = count(result.programmes, "programme", "programmes");
      context.out(
        `Imported ${people} (${result.created} new, ${result.updated} updated) into ${programmes}.`,
      );
    });
}
