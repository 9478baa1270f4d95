// Validates the rows of a people CSV (already split into cells) into people to import, or names the first bad row.

import { checkCountry } from "./calendar/public-holidays.ts";
import { type CsvInput, cellCountProblem, indexHeader, isEmailAddress } from "./csv-table.ts";
import { normaliseOrcid, orcidProblem } from "./orcid.ts";
import { TEXT_LIMITS } from "./text-limits.ts";

export const peopleCsvColumns = [
  "name",
  "email",
  "institution",
  "department",
  "role",
  "career_stage",
  "expertise",
  "methods",
  "offers",
  "needs",
  "timezone",
  "open_to_mentoring",
  "coordinator",
  "programme",
  "conflicts_with",
  "slack_team_id",
  "slack_user_id",
  "teams_tenant_id",
  "teams_aad_object_id",
  "country",
  "region",
  "orcid",
] as const;

export type PeopleCsvColumn = (typeof peopleCsvColumns)[number];

const requiredColumns: readonly PeopleCsvColumn[] = ["name", "email", "institution"];

/**
 * One person to import. A field is undefined when its column is absent from the file (the stored value is then
 * left as it is); an empty cell clears the stored value.
 */
export interface PersonImportRow {
  /** The row as a spreadsheet shows it: the header is row 1. */
  row: number;
  email: string;
  name: string;
  institution: string;
  department?: string | null;
  role?: string | null;
  careerStage?: string | null;
  expertise?: string[];
  methods?: string[];
  offers?: string[];
  needs?: string[];
  timezone?: string | null;
  /** Public holidays (optional columns): ISO 3166-1 alpha-2, and date-holidays' region code such as SCT or BY. */
  country?: string | null;
  region?: string | null;
  openToMentoring?: boolean;
  coordinator?: boolean;
  programmes?: string[];
  conflictsWith?: string[];
  slack?: { teamId: string; userId: string } | null;
  teams?: { tenantId: string; aadObjectId: string } | null;
  /** The ORCID iD, canonical (0000-0002-1825-0097); checked against its check character. */
  orcid?: string | null;
}

export type PeopleCsvInput = CsvInput;

export type PeopleCsvResult = { ok: true; people: PersonImportRow[] } | { ok: false; errors: string[] };

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const booleans: Record<string, boolean> = {
  true: true,
  yes: true,
  "1": true,
  false: false,
  no: false,
  "0": false,
};

/** `;` separates list items; blanks are dropped and repeats kept once. */
export function splitList(cell: string): string[] {
  const items = cell
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return [...new Set(items)];
}

function checkHeader(input: PeopleCsvInput) {
  return indexHeader(input, peopleCsvColumns, requiredColumns);
}

class RowReader {
  readonly problems: string[] = [];
  constructor(
    private readonly index: Map<PeopleCsvColumn, number>,
    private readonly cells: readonly string[],
  ) {}

  has(column: PeopleCsvColumn): boolean {
    return this.index.has(column);
  }

  /** The trimmed cell, or undefined when the column is absent. */
  cell(column: PeopleCsvColumn): string | undefined {
    const position = this.index.get(column);
    return position === undefined ? undefined : (this.cells[position] ?? "").trim();
  }

  optionalText(column: PeopleCsvColumn): string | null | undefined {
    const value = this.cell(column);
    return value === undefined ? undefined : value || null;
  }

  list(column: PeopleCsvColumn): string[] | undefined {
    const value = this.cell(column);
    return value === undefined ? undefined : splitList(value);
  }

  boolean(column: PeopleCsvColumn): boolean | undefined {
    const value = this.cell(column);
    if (value === undefined) return undefined;
    if (value === "") return false;
    const parsed = booleans[value.toLowerCase()];
    if (parsed === undefined)
      this.problems.push(`${column} "${value}" is not one of true, false, yes, no, 1, 0`);
    return parsed ?? false;
  }

  /** Two columns that name one chat account: both or neither. */
  pair(first: PeopleCsvColumn, second: PeopleCsvColumn): [string, string] | null | undefined {
    if (!this.has(first) && !this.has(second)) return undefined;
    const a = this.cell(first) ?? "";
    const b = this.cell(second) ?? "";
    if (a && b) return [a, b];
    if (!a && !b) return null;
    const [given, empty] = a ? [first, second] : [second, first];
    this.problems.push(`${given} is set but ${empty} is empty; give both or neither`);
    return null;
  }
}

/** The same caps as the profile form (TEXT_LIMITS): a longer value is refused with the limit, never cut. */
function checkLengths(reader: RowReader): void {
  const lines: [PeopleCsvColumn, number][] = [
    ["name", TEXT_LIMITS.profileName],
    ["institution", TEXT_LIMITS.profileLine],
    ["department", TEXT_LIMITS.profileLine],
    ["role", TEXT_LIMITS.profileLine],
    ["career_stage", TEXT_LIMITS.profileLine],
  ];
  for (const [column, max] of lines) {
    if ((reader.cell(column) ?? "").length > max)
      reader.problems.push(`${column} is longer than ${max} characters`);
  }
  for (const column of ["expertise", "methods", "offers", "needs"] as const) {
    const items = reader.list(column) ?? [];
    if (items.some((item) => item.length > TEXT_LIMITS.profileListItem)) {
      reader.problems.push(`${column} has an item longer than ${TEXT_LIMITS.profileListItem} characters`);
    }
    if (items.length > TEXT_LIMITS.profileListItems) {
      reader.problems.push(`${column} has ${items.length} items; at most ${TEXT_LIMITS.profileListItems}`);
    }
  }
}

function readRow(index: Map<PeopleCsvColumn, number>, row: number, cells: readonly string[]) {
  const reader = new RowReader(index, cells);
  for (const column of requiredColumns) {
    if (!reader.cell(column)) reader.problems.push(`${column} is required but empty`);
  }
  const email = (reader.cell("email") ?? "").toLowerCase();
  if (email && !isEmailAddress(email))
    reader.problems.push(`email "${reader.cell("email")}" is not an email address`);
  const timezone = reader.optionalText("timezone");
  if (timezone && !isTimeZone(timezone)) {
    reader.problems.push(`timezone "${timezone}" is not an IANA time zone such as Europe/London`);
  }
  let country = reader.optionalText("country");
  let region = reader.optionalText("region");
  if (region && !country) reader.problems.push(`region "${region}" needs its country in the country column`);
  else if (country) {
    const checked = checkCountry(country, region);
    if (checked.ok) ({ country, region } = checked);
    else reader.problems.push(checked.reason);
  }
  const conflictsWith = reader.list("conflicts_with")?.map((item) => item.toLowerCase());
  for (const item of conflictsWith ?? []) {
    if (!isEmailAddress(item)) reader.problems.push(`conflicts_with "${item}" is not an email address`);
  }
  checkLengths(reader);
  const orcidCell = reader.optionalText("orcid");
  const orcid = orcidCell ? normaliseOrcid(orcidCell) : orcidCell;
  if (orcidCell && !orcid)
    reader.problems.push(`orcid "${orcidCell}" is not an ORCID iD: ${orcidProblem(orcidCell)}`);
  const slack = reader.pair("slack_team_id", "slack_user_id");
  const teams = reader.pair("teams_tenant_id", "teams_aad_object_id");
  const person: PersonImportRow = {
    row,
    email,
    name: reader.cell("name") ?? "",
    institution: reader.cell("institution") ?? "",
    department: reader.optionalText("department"),
    role: reader.optionalText("role"),
    careerStage: reader.optionalText("career_stage"),
    expertise: reader.list("expertise"),
    methods: reader.list("methods"),
    offers: reader.list("offers"),
    needs: reader.list("needs"),
    timezone,
    country,
    region: country === undefined && region === undefined ? undefined : (region ?? null),
    openToMentoring: reader.boolean("open_to_mentoring"),
    coordinator: reader.boolean("coordinator"),
    programmes: reader.list("programme"),
    conflictsWith: conflictsWith ? [...new Set(conflictsWith)] : undefined,
    slack: slack && { teamId: slack[0], userId: slack[1] },
    teams: teams && { tenantId: teams[0], aadObjectId: teams[1] },
    orcid,
  };
  return { person, problems: reader.problems };
}

/** Checks the header and every row; any problem means nothing should be imported. */
export function validatePeopleCsv(input: PeopleCsvInput): PeopleCsvResult {
  const { index, error } = checkHeader(input);
  if (error) return { ok: false, errors: [error] };
  const errors: string[] = [];
  const people: PersonImportRow[] = [];
  const rowOfEmail = new Map<string, number>();
  const rowOfAccount = new Map<string, number>();
  const rowOfOrcid = new Map<string, number>();
  for (const { row, cells } of input.rows) {
    const at = `${input.fileName} row ${row}:`;
    const wrongCount = cellCountProblem(input, row, cells);
    if (wrongCount) {
      errors.push(wrongCount);
      continue;
    }
    const { person, problems } = readRow(index, row, cells);
    const firstRow = rowOfEmail.get(person.email);
    if (person.email && firstRow !== undefined)
      problems.push(`email "${person.email}" is also on row ${firstRow}`);
    else if (person.email) rowOfEmail.set(person.email, row);
    const accounts: { key: string; column: PeopleCsvColumn; userId: string }[] = [];
    if (person.slack) {
      const { teamId, userId } = person.slack;
      accounts.push({ key: `slack ${teamId} ${userId}`, column: "slack_user_id", userId });
    }
    if (person.teams) {
      const { tenantId, aadObjectId } = person.teams;
      accounts.push({
        key: `teams ${tenantId} ${aadObjectId}`,
        column: "teams_aad_object_id",
        userId: aadObjectId,
      });
    }
    if (person.orcid) {
      const other = rowOfOrcid.get(person.orcid);
      if (other !== undefined) problems.push(`orcid "${person.orcid}" is also on row ${other}`);
      else rowOfOrcid.set(person.orcid, row);
    }
    for (const { key, column, userId } of accounts) {
      const other = rowOfAccount.get(key);
      if (other !== undefined) problems.push(`${column} "${userId}" is also on row ${other}`);
      else rowOfAccount.set(key, row);
    }
    errors.push(...problems.map((problem) => `${at} ${problem}`));
    people.push(person);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, people };
}
