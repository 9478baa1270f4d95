// A programme's answer window: the weekdays and local hours in which its members are prompted and reminded.
//
// Whole hours, as the rest of the schedule uses; never at night: the window must lie within 07:00–20:00.
import type { WorkingHours } from "../schedule/working-time.ts";

export interface AnswerWindow extends WorkingHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday, ascending. */
  days: readonly number[];
}

export const DEFAULT_ANSWER_WINDOW: Readonly<AnswerWindow> = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5]),
  startHour: 9,
  endHour: 17,
});

/** No prompt before 07:00 or at or after 20:00 local, whatever a coordinator asks. */
export const EARLIEST_HOUR = 7;
export const LATEST_HOUR = 20;

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function dayNumber(word: string): number | null {
  const index = DAY_NAMES.findIndex((name) => word.toLowerCase().startsWith(name.toLowerCase()));
  return index < 0 ? null : index + 1;
}

/** "mon-fri", "mon,wed,fri", "tue-thu,sat" → ISO weekdays; null when a word is not a day. */
function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(",").map((p) => p.trim())) {
    if (!part) continue;
    const [from, to, extra] = part.split(/\s*[-–]\s*/);
    if (extra !== undefined || !from) return null;
    const first = dayNumber(from);
    const last = to === undefined ? first : dayNumber(to);
    if (first === null || last === null || last < first) return null;
    for (let d = first; d <= last; d++) days.add(d);
  }
  return days.size === 0 ? null : [...days].sort((a, b) => a - b);
}

/** "9", "09", "09:00", "17:00" → whole hour; null for minutes other than :00 or hours outside 0–24. */
function parseHour(text: string): number | null {
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match || (match[2] !== undefined && match[2] !== "00")) return null;
  const hour = Number(match[1]);
  return hour <= 24 ? hour : null;
}

export type WindowCheck = { ok: true; window: AnswerWindow } | { ok: false; reason: string };

/** The window, checked: at least one day, whole hours, start before end, within 07:00–20:00. */
export function checkWindow(days: readonly number[], startHour: number, endHour: number): WindowCheck {
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    return { ok: false, reason: "Choose at least one weekday." };
  if (!Number.isInteger(startHour) || !Number.isInteger(endHour) || startHour >= endHour)
    return { ok: false, reason: "The window must start before it ends, in whole hours (e.g. 09:00–17:00)." };
  if (startHour < EARLIEST_HOUR || endHour > LATEST_HOUR)
    return {
      ok: false,
      reason: `Not at night: the window must lie within ${hourText(EARLIEST_HOUR)}–${hourText(LATEST_HOUR)}.`,
    };
  return { ok: true, window: { days: [...new Set(days)].sort((a, b) => a - b), startHour, endHour } };
}

/** "Mon-Fri 09:00-17:00", "mon,tue,thu 8-16": days, then hours; both required. */
export function parseAnswerWindow(text: string): WindowCheck {
  const match = /^(.+?)\s+(\d{1,2}(?::\d{2})?)\s*[-–]\s*(\d{1,2}(?::\d{2})?)$/.exec(text.trim());
  const days = match ? parseDays(match[1]!) : null;
  const start = match ? parseHour(match[2]!) : null;
  const end = match ? parseHour(match[3]!) : null;
  if (!days || start === null || end === null)
    return {
      ok: false,
      reason: "Say the days and whole hours, e.g. `Mon-Fri 09:00-17:00` or `Mon,Wed,Thu 8-16`.",
    };
  return checkWindow(days, start, end);
}

export const hourText = (hour: number): string => `${String(hour).padStart(2, "0")}:00`;

/** "Mon–Fri 09:00–17:00", "Mon, Wed, Thu 08:00–16:00". */
export function formatAnswerWindow(window: AnswerWindow): string {
  const { days } = window;
  const contiguous = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const names = days.map((d) => DAY_NAMES[d - 1]);
  const dayText = contiguous ? `${names[0]}–${names.at(-1)}` : names.join(", ");
  return `${dayText} ${hourText(window.startHour)}–${hourText(window.endHour)}`;
}

export const dayName = (day: number): string => DAY_NAMES[day - 1] ?? "Mon";
