// `collab audit [--since ISO]`: prints the audit log, one line an entry: at, actor, platform, action, subject, details.
import type { Command } from "commander";
import { type AuditRow, readAuditLog } from "../../db/read-audit.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

/** A date (midnight UTC) or an instant, ISO-8601. */
export function parseSince(text: string): Date {
  const at = new Date(text);
  if (
    !/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()) ||
    Number.isNaN(at.getTime())
  ) {
    throw new UsageError(
      `--since "${text}" is not an ISO-8601 date or instant; use e.g. 2026-11-01 or 2026-11-01T09:00:00Z`,
    );
  }
  return at;
}

/** One field without tabs or line breaks, so each entry stays one line whatever a subject holds. */
function field(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "-";
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : char;
  }
  return out.replace(/ {2,}/g, " ");
}

export function formatAuditRow(row: AuditRow): string {
  const details = row.details === null || row.details === undefined ? "-" : JSON.stringify(row.details);
  return [row.at.toISOString(), row.actor, row.platform, row.action, row.subject, details]
    .map(field)
    .join("\t");
}

export function register(program: Command, context: CliContext): void {
  program
    .command("audit")
    .description("print the audit log (who did what, when, from where), oldest first")
    .option("--since <iso>", "only entries from this date or instant on (ISO-8601)")
    .action(async (flags: { since?: string }) => {
      const since = flags.since === undefined ? undefined : parseSince(flags.since);
      const rows = await context.withDatabase((database) => readAuditLog(database.db, since));
      for (const row of rows) context.out(formatAuditRow(row));
    });
}
