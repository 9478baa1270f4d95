// Validates a partnerships CSV (title, programme, member_emails, cadence, weekday, local_hour) row by row, then its references.
import { type CsvInput, cellCountProblem, indexHeader, isEmailAddress } from "../csv-table.ts";
import { splitList } from "../people-csv.ts";
import { CADENCES, type Cadence } from "../schedule/periods.ts";
import { DEFAULT_WORKING_HOURS } from "../schedule/working-time.ts";
import { TEXT_LIMITS } from "../text-limits.ts";

export const partnershipCsvColumns = [
  "title",
  "programme",
  "member_emails",
  "cadence",
  "weekday",
  "local_hour",
] as const;

type Column = (typeof partnershipCsvColumns)[number];

const requiredColumns: readonly Column[] = ["title", "programme", "member_emails", "cadence"];

/** One partnership to create or update; it is keyed by programme and title. */
export interface PartnershipImportRow {
  row: number;
  title: string;
  programme: string;
  /** Lower-case, distinct, at least two. */
  memberEmails: string[];
  cadence: Cadence;
  /** 1 = Monday … 5 = Friday; absent: keep (or default to Tuesday for a new partnership). */
  weekday?: number;
  /** Local hour in working hours; absent: keep (or default to 10). */
  localHour?: number;
}

export type PartnershipsCsvResult =
  | { ok: true; partnerships: PartnershipImportRow[] }
  | { ok: false; errors: string[] };

const weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MAX_TITLE = TEXT_LIMITS.partnershipTitle;

function parseWeekday(text: string): number | null {
  const lower = text.toLowerCase();
  if (/^[1-7]$/.test(lower)) return Number(lower);
  const index = weekdayNames.findIndex((name) => name === lower || name.slice(0, 3) === lower);
  return index < 0 ? null : index + 1;
}

function readRow(index: Map<Column, number>, row: number, cells: readonly string[]) {
  const problems: string[] = [];
  const cell = (column: Column) => {
    const position = index.get(column);
    return position === undefined ? "" : (cells[position] ?? "").trim();
  };
  const title = cell("title");
  if (!title) problems.push("title is required but empty");
  else if (title.length > MAX_TITLE) problems.push(`title is longer than ${MAX_TITLE} characters`);
  const programme = cell("programme");
  if (!programme) problems.push("programme is required but empty");
  const memberEmails = splitList(cell("member_emails").toLowerCase());
  for (const email of memberEmails) {
    if (!isEmailAddress(email)) problems.push(`member_emails "${email}" is not an email address`);
  }
  if (memberEmails.length < 2) {
    problems.push("member_emails needs at least two different people, separated by ;");
  }
  const cadenceText = cell("cadence").toLowerCase();
  const cadence = CADENCES.find((c) => c === cadenceText);
  if (!cadence) {
    problems.push(
      cadenceText
        ? `cadence "${cell("cadence")}" is not one of ${CADENCES.join(", ")}`
        : `cadence is required: ${CADENCES.join(", ")}`,
    );
  }
  const result: PartnershipImportRow = {
    row,
    title,
    programme,
    memberEmails,
    cadence: cadence ?? "fortnightly",
  };
  const weekdayText = cell("weekday");
  if (weekdayText) {
    const weekday = parseWeekday(weekdayText);
    if (weekday === null) problems.push(`weekday "${weekdayText}" is not a day such as Tuesday or 2`);
    else if (weekday > 5)
      problems.push(`weekday "${weekdayText}" is a weekend day; check-ins come Monday to Friday`);
    else result.weekday = weekday;
  }
  const hourText = cell("local_hour");
  if (hourText) {
    const { startHour, endHour } = DEFAULT_WORKING_HOURS;
    const match = /^(\d{1,2})(?::00)?$/.exec(hourText);
    const hour = match ? Number(match[1]) : Number.NaN;
    if (!(hour >= startHour && hour <= endHour - 1)) {
      problems.push(
        `local_hour "${hourText}" is not a whole hour from ${startHour} to ${endHour - 1} (check-ins come in working hours)`,
      );
    } else result.localHour = hour;
  }
  return { partnership: result, problems };
}

/** Checks the header and every row on their own; any problem means nothing should be imported. */
export function validatePartnershipsCsv(input: CsvInput): PartnershipsCsvResult {
  const { index, error } = indexHeader(input, partnershipCsvColumns, requiredColumns);
  if (error) return { ok: false, errors: [error] };
  const errors: string[] = [];
  const partnerships: PartnershipImportRow[] = [];
  const rowOfKey = new Map<string, number>();
  for (const { row, cells } of input.rows) {
    const at = `${input.fileName} row ${row}:`;
    const wrongCount = cellCountProblem(input, row, cells);
    if (wrongCount) {
      errors.push(wrongCount);
      continue;
    }
    const { partnership, problems } = readRow(index, row, cells);
    const key = `${partnership.programme.toLowerCase()}\n${partnership.title.toLowerCase()}`;
    const first = rowOfKey.get(key);
    if (partnership.title && first !== undefined) {
      problems.push(`"${partnership.title}" in ${partnership.programme} is also on row ${first}`);
    } else rowOfKey.set(key, row);
    errors.push(...problems.map((problem) => `${at} ${problem}`));
    partnerships.push(partnership);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, partnerships };
}

/** What the database knows: people by email and programmes by lower-case name. */
export interface KnownReferences {
  emails: ReadonlySet<string>;
  programmes: ReadonlySet<string>;
}

/** Rows naming a person or programme that does not exist, one message per problem, in row order. */
export function checkPartnershipReferences(
  fileName: string,
  rows: readonly PartnershipImportRow[],
  known: KnownReferences,
): string[] {
  const errors: string[] = [];
  for (const row of rows) {
    const at = `${fileName} row ${row.row}:`;
    if (!known.programmes.has(row.programme.toLowerCase())) {
      errors.push(
        `${at} no programme named "${row.programme}"; import its people first (collab import people)`,
      );
    }
    const missing = row.memberEmails.filter((email) => !known.emails.has(email));
    if (missing.length > 0) {
      errors.push(
        `${at} no person with email ${missing.map((e) => `"${e}"`).join(", ")}; import people first (collab import people)`,
      );
    }
  }
  return errors;
}
