// Check-in periods as UTC calendar spans: keys "2026-W48" (ISO week), "F2026-W48" (fortnight), "2026-11" (month).

export type Cadence = "weekly" | "fortnightly" | "monthly";

export const CADENCES: readonly Cadence[] = ["weekly", "fortnightly", "monthly"];

/** A period: its key, its start (inclusive) and end (exclusive), both at 00:00 UTC. */
export interface Period {
  key: string;
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

function millis(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("invalid date");
  return t;
}

/** 00:00 UTC on the Monday of the ISO week containing t (1 January 1970 was a Thursday). */
function isoMonday(t: number): number {
  const days = Math.floor(t / DAY_MS);
  return (days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** "2026-W48": the ISO week-numbering year and week of the week starting on that Monday. */
function isoWeekKey(monday: number): string {
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

const period = (key: string, start: number, end: number): Period => ({
  key,
  start: new Date(start),
  end: new Date(end),
});

/** The period of the cadence that contains `at`; fortnights are counted from the ISO week of `startedAt`. */
export function periodAt(cadence: Cadence, startedAt: Date, at: Date): Period {
  const t = millis(at);
  if (cadence === "monthly") {
    const d = new Date(t);
    const [year, month] = [d.getUTCFullYear(), d.getUTCMonth()];
    return period(
      `${pad(year, 4)}-${pad(month + 1, 2)}`,
      Date.UTC(year, month, 1),
      Date.UTC(year, month + 1, 1),
    );
  }
  const monday = isoMonday(t);
  if (cadence === "weekly") return period(isoWeekKey(monday), monday, monday + WEEK_MS);
  const anchor = isoMonday(millis(startedAt));
  const start = anchor + 2 * Math.floor(Math.round((monday - anchor) / WEEK_MS) / 2) * WEEK_MS;
  return period(`F${isoWeekKey(start)}`, start, start + 2 * WEEK_MS);
}

/** The period named by `key`; throws RangeError for a malformed key, or a fortnight not aligned to the start week. */
export function periodForKey(cadence: Cadence, startedAt: Date, key: string): Period {
  const start = keyStart(cadence, key);
  const found = start === null ? null : periodAt(cadence, startedAt, new Date(start));
  if (found?.key !== key) throw new RangeError(`"${key}" is not a ${cadence} period key`);
  return found;
}

/** A candidate start instant for the key, which periodForKey confirms by rebuilding the key from it. */
function keyStart(cadence: Cadence, key: string): number | null {
  const pattern = {
    weekly: /^(\d{4})-W(\d{2})$/,
    fortnightly: /^F(\d{4})-W(\d{2})$/,
    monthly: /^(\d{4})-(\d{2})$/,
  };
  const match = pattern[cadence].exec(key);
  if (!match) return null;
  const [year, n] = [Number(match[1]), Number(match[2])];
  if (year < 1000 || n < 1) return null;
  if (cadence === "monthly") return n <= 12 ? Date.UTC(year, n - 1, 1) : null;
  return n <= 53 ? isoMonday(Date.UTC(year, 0, 4)) + (n - 1) * WEEK_MS : null;
}

/** The period `steps` periods after (or, when negative, before) the given one. */
export function shiftPeriod(cadence: Cadence, startedAt: Date, from: Period, steps: number): Period {
  let current = from;
  for (let i = 0; i < Math.abs(steps); i++) {
    const probe = steps > 0 ? current.end : new Date(current.start.getTime() - 1);
    current = periodAt(cadence, startedAt, probe);
  }
  return current;
}
