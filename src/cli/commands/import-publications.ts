// `collab import publications FILE`: PubMed XML, MEDLINE text or ORCID works JSON, streamed and matched to people.
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { PublicationFileError } from "../../core/publications/publication-record.ts";
import { type PublicationFormat, readPublications } from "../../core/publications/read-publications.ts";
import { importPublicationRecords, type PublicationImportResult } from "../../db/import-publications.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

const formatNames: Record<PublicationFormat, string> = {
  "pubmed-xml": "PubMed XML",
  medline: "MEDLINE",
  "orcid-json": "ORCID works JSON",
};

/** Names listed per kind in the report; the rest are counted. */
const LISTED = 20;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function checkReadable(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`Cannot read ${path}: it is a folder.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${path}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}.`,
    );
  }
}

/** What the operator reads: counts, then authors that could not be linked, ambiguous ones first. */
export function publicationReport(result: PublicationImportResult, format: string): string[] {
  const lines = [
    `Imported ${count(result.created + result.updated, "publication", "publications")} (${result.created} new, ${result.updated} updated) from ${format} for ${count(result.people, "person", "people")}` +
      (result.skipped > 0
        ? `; ${count(result.skipped, "record named", "records named")} no one here (not stored).`
        : "."),
  ];
  const { ambiguous, unmatched } = result.report;
  if (ambiguous.length > 0) {
    lines.push(`Ambiguous authors, not linked (add their ORCID iD to the people CSV): ${ambiguous.length}`);
    for (const line of ambiguous.slice(0, LISTED)) lines.push(`  ${line}`);
    if (ambiguous.length > LISTED) lines.push(`  … and ${ambiguous.length - LISTED} more`);
  }
  if (unmatched.size > 0) {
    const names = [...unmatched];
    lines.push(`Authors matching no one: ${unmatched.size}`);
    lines.push(
      `  ${names.slice(0, LISTED).join("; ")}${names.length > LISTED ? `; … and ${names.length - LISTED} more` : ""}`,
    );
  }
  return lines;
}

export function register(parent: Command, context: CliContext): void {
  parent
    .command("publications")
    .description(
      "import papers from PubMed XML, MEDLINE text or ORCID works JSON; authors are matched to people",
    )
    .argument("<file>", "PubMed 'Save' (XML or PubMed format) or an ORCID /works JSON")
    .action(async (file: string) => {
      checkReadable(file);
      const fileName = basename(file);
      try {
        const { format, result } = await context.withDatabase(async (database) => {
          const { format, records } = await readPublications(
            createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 }),
          );
          return { format, result: await importPublicationRecords(database.db, records, format) };
        });
        for (const line of publicationReport(result, formatNames[format])) context.out(line);
      } catch (error) {
        if (error instanceof PublicationFileError) throw new UsageError(`${fileName} ${error.message}`);
        throw error;
      }
    });
}
