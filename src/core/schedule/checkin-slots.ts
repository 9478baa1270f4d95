// When a partnership's check-in is due for each member: one period per cadence, due at each member's own local time.
//
// Decision: the period (key, start, end) is defined on UTC calendar weeks and months, so every member of a
// partnership shares one key per period ("one check-in per partnership per period") whatever their zone.
// Each member's due instant is that period's weekday at localHour in THEIR OWN zone, so it may lie a few
// hours outside the UTC period bounds (Auckland's Monday morning is Sunday in UTC). Weekly and fortnightly
// slots fall in the (first) ISO week of the period; monthly slots on the first such weekday of the month.
// To stay in working time without leaving the period: a Saturday or Sunday preference is moved to Friday,
// an hour before working hours to startHour and one at or after endHour to endHour − 1; a DST gap that still
// pushes the instant out is clamped to the next working time. A slot due before `startedAt` is never due.
import { DateTime } from "luxon";
import { type Cadence, type Period, periodAt, periodForKey, shiftPeriod } from "./periods.ts";
import { checkHours, clampToWorkingTime, safeZone, type WorkingHours } from "./working-time.ts";

export interface CheckinSchedule {
  cadence: Cadence;
  /** 1 = Monday … 7 = Sunday; default 2 (Tuesday). */
  weekday?: number;
  /** Local hour 0–23; default 10. */
  localHour?: number;
  startedAt: Date;
}

export interface CheckinSlot {
  periodKey: string;
  /** Start of the UTC period (inclusive). */
  periodStart: Date;
  /** End of the UTC period (exclusive); answers stay possible until then. */
  periodEnd: Date;
  /** When the prompt is due for a person in the zone asked about. */
  localDue: Date;
}

export const DEFAULT_WEEKDAY = 2;
export const DEFAULT_LOCAL_HOUR = 10;

/** The weekday actually used: the preference, or Friday for Saturday/Sunday; RangeError outside 1–7. */
export function effectiveWeekday(partnership: CheckinSchedule): number {
  const weekday = partnership.weekday ?? DEFAULT_WEEKDAY;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
    throw new RangeError(`weekday ${weekday} not in 1–7`);
  return Math.min(weekday, 5);
}

/** The local hour actually used: the preference clamped into working hours; RangeError outside 0–23. */
export function effectiveHour(partnership: CheckinSchedule, hours?: WorkingHours): number {
  const { startHour, endHour } = checkHours(hours);
  const hour = partnership.localHour ?? DEFAULT_LOCAL_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new RangeError(`local hour ${hour} not in 0–23`);
  return Math.min(Math.max(hour, startHour), endHour - 1);
}

const DAY_MS = 86_400_000;
/** No zone is more than 14 hours ahead of UTC, so a wall time read as UTC is at most this much later than the instant. */
const MAX_AHEAD_MS = 15 * 3_600_000;

/** The calendar day (y, m, d) and hour of the period's slot, on the wall clock of whoever is asked about. */
function wallDue(partnership: CheckinSchedule, period: Period, hours?: WorkingHours) {
  const weekday = effectiveWeekday(partnership);
  const first = period.start.getTime();
  const offset =
    partnership.cadence === "monthly" ? (weekday - (new Date(first).getUTCDay() || 7) + 7) % 7 : weekday - 1;
  const day = new Date(first + offset * DAY_MS);
  const hour = effectiveHour(partnership, hours);
  return { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour };
}

function slotOf(
  partnership: CheckinSchedule,
  period: Period,
  zone: string,
  hours?: WorkingHours,
): CheckinSlot {
  const wall = wallDue(partnership, period, hours);
  const local = DateTime.fromObject(wall, { zone: safeZone(zone) });
  // By construction the wall time is a working day inside working hours, unless a DST gap moved it.
  const intact = local.day === wall.day && local.hour === wall.hour;
  return {
    periodKey: period.key,
    periodStart: period.start,
    periodEnd: period.end,
    localDue: intact ? local.toJSDate() : clampToWorkingTime(local.toJSDate(), zone, hours),
  };
}

/** A lower bound of the slot's due instant in any zone, without time-zone work. */
function earliestDue(partnership: CheckinSchedule, period: Period, hours?: WorkingHours): number {
  const wall = wallDue(partnership, period, hours);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour) - MAX_AHEAD_MS;
}

/** The slot of the period named by the key, due in `zone`; RangeError for a key that is not of this cadence. */
export function slotFor(
  partnership: CheckinSchedule,
  periodKey: string,
  zone: string,
  hours?: WorkingHours,
): CheckinSlot {
  return slotOf(
    partnership,
    periodForKey(partnership.cadence, partnership.startedAt, periodKey),
    zone,
    hours,
  );
}

/** The slot of the UTC period containing `now`, due in `zone` (its due instant may be past or still ahead). */
export function currentSlot(
  partnership: CheckinSchedule,
  now: Date,
  zone: string,
  hours?: WorkingHours,
): CheckinSlot {
  return slotOf(partnership, periodAt(partnership.cadence, partnership.startedAt, now), zone, hours);
}

/** For a member in memberZone: the latest slot due at or before `now` and not before startedAt, or null. */
export function dueForMember(
  partnership: CheckinSchedule,
  now: Date,
  memberZone: string,
  hours?: WorkingHours,
): CheckinSlot | null {
  const { cadence, startedAt } = partnership;
  const current = periodAt(cadence, startedAt, now);
  // A member's due instant is within a day of its UTC period and follows the period order, so look at the
  // next, current and previous periods, latest first, and skip the time-zone work for one surely not due.
  for (const steps of [1, 0, -1]) {
    const period = shiftPeriod(cadence, startedAt, current, steps);
    if (earliestDue(partnership, period, hours) > now.getTime()) continue;
    const slot = slotOf(partnership, period, memberZone, hours);
    if (slot.localDue.getTime() > now.getTime()) continue;
    return slot.localDue.getTime() >= startedAt.getTime() ? slot : null;
  }
  return null;
}
