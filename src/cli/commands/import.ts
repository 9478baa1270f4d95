// `collab import <kind> FILE`: the parent of one subcommand per kind of data (people, partnerships, mentorships, publications).
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import * as importMentorships from "./import-mentorships.ts";
import * as importPartnerships from "./import-partnerships.ts";
import * as importPeople from "./import-people.ts";
import * as importPublications from "./import-publications.ts";

/** Each kind registers itself under `import`. */
const kinds: { register(parent: Command, context: CliContext): void }[] = [
  importPeople,
  importPartnerships,
  importMentorships,
  importPublications,
];

export function register(program: Command, context: CliContext): void {
  const parent = program
    .command("import")
    .description("import data from a file: CSV (people, partnerships, mentorships) or publications");
  for (const kind of kinds) kind.register(parent, context);
}
