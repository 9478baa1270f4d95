// Validates the rows of a mentorships CSV (already split into cells), or names the first bad row and why.

import { type CsvInput, cellCountProblem, indexHeader, isEmailAddress } from "../csv-table.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
export const mentorshipsCsvColumns = [
  "mentor_email",
  "mentee_email",
  "programme",
  "goals",
  "rhythm_days",
  "follow_up_days",
] as const;

type Column = (typeof mentorshipsCsvColumns)[number];
const required: readonly Column[] = ["mentor_email", "mentee_email", "programme"];
export const GOALS_MAX = TEXT_LIMITS.mentorshipGoals;

export interface MentorshipImportRow {
  row: number;
  mentorEmail: string;
  menteeEmail: string;
  programme: string;
  goals: string | null;
  rhythmDays: number;
  followUpDays: number;
}

export type MentorshipsCsvInput = CsvInput;

export type MentorshipsCsvResult = { ok: true; rows: MentorshipImportRow[] } | { ok: false; error: string };

function days(text: string, fallback: number): number | null {
  if (text === "") return fallback;
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 365 ? n : null;
}

export function validateMentorshipsCsv(input: MentorshipsCsvInput): MentorshipsCsvResult {
  const { index, error } = indexHeader(input, mentorshipsCsvColumns, required);
  if (error) return { ok: false, error };
  const rows: MentorshipImportRow[] = [];
  const pairs = new Set<string>();
  for (const { row, cells } of input.rows) {
    const at = `${input.fileName} row ${row}:`;
    const wrongCount = cellCountProblem(input, row, cells);
    if (wrongCount) return { ok: false, error: wrongCount };
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? "" : (cells[i] ?? "").trim();
    };
    const mentorEmail = cell("mentor_email").toLowerCase();
    const menteeEmail = cell("mentee_email").toLowerCase();
    const programme = cell("programme");
    for (const [name, value] of [
      ["mentor_email", mentorEmail],
      ["mentee_email", menteeEmail],
    ] as const) {
      if (!isEmailAddress(value))
        return { ok: false, error: `${at} ${name} "${value}" is not an email address` };
    }
    if (mentorEmail === menteeEmail)
      return { ok: false, error: `${at} the mentor and the mentee are the same person` };
    if (!programme) return { ok: false, error: `${at} programme is empty` };
    const goals = cell("goals");
    if (goals.length > GOALS_MAX)
      return { ok: false, error: `${at} goals are longer than ${GOALS_MAX} characters` };
    const rhythmDays = days(cell("rhythm_days"), 30);
    if (rhythmDays === null)
      return { ok: false, error: `${at} rhythm_days must be a whole number of days from 1 to 365` };
    const followUpDays = days(cell("follow_up_days"), 14);
    if (followUpDays === null) {
      return { ok: false, error: `${at} follow_up_days must be a whole number of days from 1 to 365` };
    }
    const pair = `${mentorEmail} ${menteeEmail}`;
    if (pairs.has(pair))
      return { ok: false, error: `${at} the same mentor and mentee appear on an earlier row` };
    pairs.add(pair);
    rows.push({ row, mentorEmail, menteeEmail, programme, goals: goals || null, rhythmDays, followUpDays });
  }
  return { ok: true, rows };
}
