// `collab forget <email>`: erases a person everywhere (right to erasure); the audit log keeps counts only.

import type { Command } from "commander";
import { count } from "../../core/plural.ts";
import { forgetPerson } from "../../db/forget-person.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export function register(program: Command, context: CliContext): void {
  program
    .command("forget")
    .description("erase a person and every trace of them (their rows, messages to them, mentions of them)")
    .argument("<email>", "the person's email address")
    .action(async (email: string) => {
      const address = email.trim().toLowerCase();
      const result = await context.withDatabase((database) => forgetPerson(database.db, address));
      if (!result) throw new UsageError(`No person with email ${address}.`);
      context.out(
        `Forgot ${address}: ${count(total(result.deleted), "row")} deleted, ${total(result.unlinked)} unlinked, ` +
          `${total(result.scrubbed)} cleaned of mentions.`,
      );
    });
}
