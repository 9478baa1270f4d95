// Reads a CSV file into a header and numbered rows, numbered as a spreadsheet shows them (the header is row 1).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { CsvError, parse } from "csv-parse/sync";
import { UsageError } from "./errors.ts";

export interface CsvFile {
  fileName: string;
  header: string[];
  rows: { row: number; cells: string[] }[];
}

interface ParsedRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? "unreadable");
    throw new UsageError(`Cannot read ${path}: ${reason}.`);
  }
}

/**
 * Excel in many European locales saves "CSV" with `;` between cells (the comma is their decimal mark). Such a file's
 * header has `;` and no comma outside quotes; a cell holding `;` (a list) is quoted by Excel, so it parses the same.
 */
export function cellSeparator(text: string): "," | ";" {
  const header = (
    text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .find((line) => line.trim() !== "") ?? ""
  ).replace(/"[^"]*"/g, "");
  return header.includes(";") && !header.includes(",") ? ";" : ",";
}

export function readCsvFile(path: string): CsvFile {
  const fileName = basename(path);
  const text = readText(path);
  let records: ParsedRecord[];
  try {
    // With `info`, each record comes with where it was found (csv-parse's types do not say so).
    const options = {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      delimiter: cellSeparator(text),
    };
    records = parse(text, options) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`${fileName} is not valid CSV: ${error.message}`);
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) throw new UsageError(`${fileName} is empty: it needs a header row.`);
  // A spreadsheet shows the blank lines that the parser skips, so they count towards the row number.
  const rows = rest.map(({ record, info }) => ({ row: info.records + info.empty_lines, cells: record }));
  return { fileName, header: first.record, rows };
}
