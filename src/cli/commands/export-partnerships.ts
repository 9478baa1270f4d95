// `collab export partnerships --format csv [--since DATE] [--programme NAME] [--with-notes]`: one row per check-in
// answer, the file a coordinator takes to a steering committee; audited.

import { type Command, Option } from "commander";
import { stringify } from "csv-stringify/sync";
import { answerLabel } from "../../core/checkins/answers.ts";
import { parseIsoDate } from "../../core/local-date.ts";
import { recordAudit } from "../../db/audit.ts";
import { answerRows, programmesNamed } from "../../db/checkin-history-store.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

export const ANSWER_COLUMNS = [
  "programme",
  "partnership",
  "period",
  "period_start",
  "member",
  "member_email",
  "answer",
  "state",
  "answered_at",
] as const;

/** A date (from 00:00 UTC) or an ISO-8601 instant with its offset; anything else is bad input. */
function readSince(text: string): Date {
  const date = parseIsoDate(text);
  if (date) return new Date(`${date}T00:00:00Z`);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())
    ? new Date(text.trim())
    : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new UsageError(`--since "${text}" is not a date: write YYYY-MM-DD, e.g. --since 2026-01-01.`);
  }
  return instant;
}

interface Options {
  format: string;
  since?: string;
  programme?: string;
  withNotes?: boolean;
}

export function register(parent: Command, context: CliContext): void {
  parent
    .command("partnerships")
    .description("write every check-in answer as CSV to stdout: one row per answer")
    .addOption(new Option("--format <format>", "the file's format").choices(["csv"]).makeOptionMandatory())
    .option("--since <date>", "only answers given on or after this date (YYYY-MM-DD, UTC)")
    .option("--programme <name>", "only this programme's partnerships (default: every programme)")
    .option(
      "--with-notes",
      "add the members' notes (free text, shown to the partnership and its coordinators only): leave them out of files that travel",
    )
    .action(async (options: Options) => {
      const since = options.since === undefined ? null : readSince(options.since);
      const csv = await context.withDatabase(async (database) =>
        database.db.transaction(async (tx) => {
          let programmeIds: string[] | null = null;
          if (options.programme !== undefined) {
            const { found, all } = await programmesNamed(tx, [options.programme]);
            if (found.length === 0) {
              throw new UsageError(
                `No programme is called "${options.programme}". Programmes: ${all.join(", ") || "none yet"}.`,
              );
            }
            programmeIds = found.map((p) => p.id);
          }
          const rows = await answerRows(tx, { programmeIds, since });
          await recordAudit(tx, {
            actor: "cli",
            platform: "cli",
            action: "partnerships.export",
            subject: options.programme ?? null,
            details: {
              rows: rows.length,
              since: since?.toISOString() ?? null,
              notes: Boolean(options.withNotes),
            },
          });
          const columns = options.withNotes ? [...ANSWER_COLUMNS, "note"] : [...ANSWER_COLUMNS];
          return stringify(
            rows.map((row) => [
              row.programme,
              row.partnership,
              row.period,
              row.periodStart.toISOString().slice(0, 10),
              row.member,
              row.memberEmail,
              row.choice ?? answerLabel[row.answer],
              row.answer,
              row.answeredAt.toISOString(),
              ...(options.withNotes ? [row.note ?? ""] : []),
            ]),
            // Names, titles and choices are typed by people: a cell starting with = + - @ would run as a formula
            // in a spreadsheet, so csv-stringify quotes it with a leading apostrophe.
            { header: true, columns, escape_formulas: true, record_delimiter: "unix" },
          );
        }),
      );
      context.io.stdout(csv);
    });
}
