// Check-in periods as UTC calendar spans: keys "2026-W48" (ISO week), "F2026-W48" (fortnight), "2026-11" (month).
import { DateTime } from "luxon";

export type Cadence = "weekly" | "fortnightly" | "monthly";

export const CADENCES: readonly Cadence[] = ["weekly", "fortnightly", "monthly"];

/** A period: its key, its start (inclusive) and end (exclusive), both at 00:00 UTC. */
export interface Period {
  key: string;
  start: Date;
  end: Date;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function utc(instant: Date): DateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError("invalid date");
  return DateTime.fromJSDate(instant, { zone: "utc" });
}

function isoWeekKey(monday: DateTime): string {
  return `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, "0")}`;
}

function period(key: string, start: DateTime, end: DateTime): Period {
  return { key, start: start.toJSDate(), end: end.toJSDate() };
}

/** The period of the cadence that contains `at`; fortnights are counted from the ISO week of `startedAt`. */
export function periodAt(cadence: Cadence, startedAt: Date, at: Date): Period {
  const t = utc(at);
  if (cadence === "monthly") {
    const start = t.startOf("month");
    return period(start.toFormat("yyyy-MM"), start, start.plus({ months: 1 }));
  }
  const monday = t.startOf("week");
  if (cadence === "weekly") return period(isoWeekKey(monday), monday, monday.plus({ weeks: 1 }));
  const anchor = utc(startedAt).startOf("week");
  const weeks = Math.round((monday.toMillis() - anchor.toMillis()) / WEEK_MS);
  const start = anchor.plus({ weeks: 2 * Math.floor(weeks / 2) });
  return period(`F${isoWeekKey(start)}`, start, start.plus({ weeks: 2 }));
}

/** The period named by `key`; throws RangeError for a malformed key, or a fortnight not aligned to the start week. */
export function periodForKey(cadence: Cadence, startedAt: Date, key: string): Period {
  const start = keyStart(cadence, key);
  const found = start?.isValid ? periodAt(cadence, startedAt, start.toJSDate()) : null;
  if (found?.key !== key) throw new RangeError(`"${key}" is not a ${cadence} period key`);
  return found;
}

function keyStart(cadence: Cadence, key: string): DateTime | null {
  const pattern = cadence === "monthly" ? /^(\d{4})-(\d{2})$/ : /^F?(\d{4})-W(\d{2})$/;
  const match = pattern.exec(key);
  if (!match || (cadence === "fortnightly") !== key.startsWith("F")) return null;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return cadence === "monthly"
    ? DateTime.fromObject({ year: a, month: b, day: 1 }, { zone: "utc" })
    : DateTime.fromObject({ weekYear: a, weekNumber: b, weekday: 1 }, { zone: "utc" });
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
