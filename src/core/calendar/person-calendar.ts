// A person's own calendar: their zone, their public holidays and their days away; and when, inside a programme's
// answer window, a prompt or reminder may reach them.
//
// A day is open when it is one of the window's weekdays, not a public holiday where the person works, and not a
// day they are away. A prompt that would fall on a closed day moves to the next open day of its period (at the
// same local hour), else to the first open day of the period, else there is none: the person is away all period.
import { DateTime } from "luxon";
import { safeZone, toLocal } from "../schedule/working-time.ts";
import { type AnswerWindow, DEFAULT_ANSWER_WINDOW } from "./answer-window.ts";
import { countryForZone, isPublicHoliday } from "./public-holidays.ts";

/** Days away, inclusive, as YYYY-MM-DD in the person's own zone. */
export interface AwayRange {
  from: string;
  to: string;
}

export interface PersonCalendar {
  zone: string;
  /** ISO 3166-1 alpha-2, e.g. "GB"; null: no public holidays are known. */
  country?: string | null;
  /** date-holidays' state code, e.g. "SCT", "BY", "VIC". */
  region?: string | null;
  away?: readonly AwayRange[];
}

const DAY_MS = 86_400_000;

/** The range that covers the date, if any. */
export function awayOn(date: string, away: readonly AwayRange[] | undefined): AwayRange | null {
  return away?.find((range) => range.from <= date && date <= range.to) ?? null;
}

/** A public holiday or a day away. */
export function isDayOff(date: string, calendar: PersonCalendar): boolean {
  return isPublicHoliday(date, calendar.country, calendar.region) || awayOn(date, calendar.away) !== null;
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/** A weekday of the window that is not a day off. */
export function isOpenDay(
  date: string,
  calendar: PersonCalendar,
  window: AnswerWindow = DEFAULT_ANSWER_WINDOW,
) {
  return window.days.includes(weekdayOf(date)) && !isDayOff(date, calendar);
}

/** Inside the window's hours on an open day, on the person's wall clock. */
export function isOpenTime(
  instant: Date,
  calendar: PersonCalendar,
  window: AnswerWindow = DEFAULT_ANSWER_WINDOW,
) {
  const local = toLocal(instant, calendar.zone);
  return (
    local.hour >= window.startHour &&
    local.hour < window.endHour &&
    isOpenDay(local.toISODate()!, calendar, window)
  );
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The date at the hour on the person's wall clock (a DST gap moves it forward, as luxon does). */
function at(date: string, hour: number, zone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day, hour }, { zone: safeZone(zone) }).toJSDate();
}

/** The UTC calendar dates a period spans, first and last (it ends exclusive). */
function periodDates(period: { start: Date; end: Date }) {
  return {
    first: period.start.toISOString().slice(0, 10),
    last: new Date(period.end.getTime() - 1).toISOString().slice(0, 10),
  };
}

/**
 * Where a planned prompt goes for this person: `due` itself on an open day, else the next open day of the period
 * at the same local hour (kept inside the window), else the period's first open day; null when none is open.
 */
export function placeInPeriod(
  due: Date,
  calendar: PersonCalendar,
  window: AnswerWindow,
  period: { start: Date; end: Date },
): Date | null {
  const local = toLocal(due, calendar.zone);
  const date = local.toISODate()!;
  const hour = Math.min(Math.max(local.hour, window.startHour), window.endHour - 1);
  if (isOpenDay(date, calendar, window)) return due;
  const { first, last } = periodDates(period);
  for (let day = addDays(date, 1); day <= last; day = addDays(day, 1))
    if (isOpenDay(day, calendar, window)) return at(day, hour, calendar.zone);
  for (let day = first; day < date; day = addDays(day, 1))
    if (isOpenDay(day, calendar, window)) return at(day, hour, calendar.zone);
  return null;
}

/** The first open time at or after `from` and before `until`: `from` itself, or an open day's window start. */
export function nextOpenTime(
  from: Date,
  calendar: PersonCalendar,
  window: AnswerWindow,
  until: Date,
): Date | null {
  if (isOpenTime(from, calendar, window)) return from;
  return openMorningAtOrAfter(from, calendar, window, until);
}

/** The first open day's window start at or after `from` and before `until`, or null. */
export function openMorningAtOrAfter(
  from: Date,
  calendar: PersonCalendar,
  window: AnswerWindow,
  until: Date,
): Date | null {
  const local = toLocal(from, calendar.zone);
  let day = local.toISODate()!;
  for (let i = 0; i < 400; i++, day = addDays(day, 1)) {
    if (!isOpenDay(day, calendar, window)) continue;
    const morning = at(day, window.startHour, calendar.zone);
    if (morning.getTime() >= until.getTime()) return null;
    if (morning.getTime() >= from.getTime()) return morning;
  }
  return null;
}

/** The calendar as stored: a person without a country of their own gets their zone's, when only one country uses it. */
export function calendarOf(person: {
  zone: string;
  country?: string | null;
  region?: string | null;
  away?: readonly AwayRange[];
}): PersonCalendar {
  const zone = safeZone(person.zone);
  const country = person.country || countryForZone(zone);
  return { zone, country, region: person.country ? (person.region ?? null) : null, away: person.away ?? [] };
}
