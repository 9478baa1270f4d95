// What every CSV import shares: a file split into cells, its header checked against known columns, row checks.

export interface CsvInput {
  /** How the file is named in messages, e.g. "people.csv". */
  fileName: string;
  header: readonly string[];
  rows: readonly { row: number; cells: readonly string[] }[];
}

const emailPattern = /^[^\s@"<>,;()]+@[^\s@"<>,;()]+\.[^\s@"<>,;()]+$/;

export function isEmailAddress(text: string): boolean {
  return emailPattern.test(text);
}

/** Each known column's position, or the one-line reason the header is wrong (unknown, repeated or missing columns). */
export function indexHeader<C extends string>(
  input: CsvInput,
  columns: readonly C[],
  required: readonly C[],
): { index: Map<C, number>; error?: string } {
  const index = new Map<C, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  input.header.forEach((raw, position) => {
    const name = raw.trim().toLowerCase();
    const known = columns.find((column) => column === name);
    if (!known) unknown.push(`"${raw.trim()}"`);
    else if (index.has(known)) repeated.push(`"${known}"`);
    else index.set(known, position);
  });
  const at = `${input.fileName} row 1:`;
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? "column" : "columns";
    return {
      index,
      error: `${at} unknown ${noun} ${unknown.join(", ")}; the columns are ${columns.join(",")}`,
    };
  }
  if (repeated.length > 0)
    return { index, error: `${at} column ${repeated.join(", ")} appears more than once` };
  const missing = required.filter((column) => !index.has(column));
  if (missing.length > 0) {
    const noun = missing.length === 1 ? "column" : "columns";
    return { index, error: `${at} required ${noun} ${missing.join(", ")} missing` };
  }
  return { index };
}

/** The reason a row has the wrong number of cells, or null. */
export function cellCountProblem(input: CsvInput, row: number, cells: readonly string[]): string | null {
  if (cells.length === input.header.length) return null;
  return `${input.fileName} row ${row}: has ${cells.length} cells but the header has ${input.header.length}; a value with a comma needs "quotes"`;
}
