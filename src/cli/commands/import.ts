// `collab import <kind> FILE.csv`: the parent of one subcommand per kind of data (people, partnerships, mentorships).
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import * as importMentorships from "./import-mentorships.ts";
import * as importPartnerships from "./import-partnerships.ts";
import * as importPeople from "./import-people.ts";

/** Each kind registers itself under `import`. */
const kinds: { register(parent: Command, context: CliContext): void }[] = [
  importPeople,
  importPartnerships,
  importMentorships,
];

export function register(program: Command, context: CliContext): void {
  const parent = program
    .command("import")
    .description("import data from a CSV file (header row, one record a row)");
  for (const kind of kinds) kind.register(parent, context);
}
