// Working days (Mon–Fri) and working hours in a person's own time zone: is it working time, when is the next working morning.
import { DateTime, IANAZone } from "luxon";

/** Local working hours by the wall clock: from startHour:00 (inclusive) to endHour:00 (exclusive), Monday to Friday. */
export interface WorkingHours {
  startHour: number;
  endHour: number;
}

export const DEFAULT_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({ startHour: 9, endHour: 17 });

const DAY_MS = 86_400_000;
const knownZones = new Map<string, boolean>();

/** The zone itself when it is a known IANA name (e.g. "Europe/London"), otherwise "UTC". */
export function safeZone(zone?: string | null): string {
  const name = typeof zone === "string" ? zone.trim() : "";
  let valid = knownZones.get(name);
  if (valid === undefined) {
    valid = name !== "" && IANAZone.isValidZone(name); // builds an Intl formatter, which is slow: hence the cache
    if (knownZones.size < 1000) knownZones.set(name, valid);
  }
  return valid ? name : "UTC";
}

/** The hours, checked: whole hours with 0 ≤ startHour < endHour ≤ 24; throws RangeError otherwise. */
export function checkHours(hours: WorkingHours = DEFAULT_WORKING_HOURS): WorkingHours {
  const { startHour, endHour } = hours;
  if (!Number.isInteger(startHour) || !Number.isInteger(endHour) || startHour < 0 || endHour > 24) {
    throw new RangeError(`working hours must be whole hours within 0–24, got ${startHour}–${endHour}`);
  }
  if (startHour >= endHour)
    throw new RangeError(`working hours must start before they end: ${startHour}–${endHour}`);
  return { startHour, endHour };
}

/** 1 = Monday … 7 = Sunday (ISO, as luxon numbers them). */
export function isWorkingDay(weekday: number): boolean {
  return weekday >= 1 && weekday <= 5;
}

/** The instant seen in the zone (unknown zones as UTC); throws RangeError on an invalid Date. */
export function toLocal(instant: Date, zone: string): DateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError("invalid date");
  return DateTime.fromJSDate(instant, { zone: safeZone(zone) });
}

/** True when the local wall clock shows Mon–Fri, at or after startHour:00 and before endHour:00. */
export function isWorkingTime(instant: Date, zone: string, hours?: WorkingHours): boolean {
  const { startHour, endHour } = checkHours(hours);
  const local = toLocal(instant, zone);
  return isWorkingDay(local.weekday) && local.hour >= startHour && local.hour < endHour;
}

/** The first working day's startHour local that is strictly after `after` (the same day when before startHour). */
export function nextWorkingMorning(after: Date, zone: string, hours?: WorkingHours): Date {
  const { startHour } = checkHours(hours);
  const local = toLocal(after, zone);
  for (let i = 0; i <= 7; i++) {
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day) + i * DAY_MS);
    if (!isWorkingDay(day.getUTCDay() || 7)) continue;
    const wall = {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: startHour,
    };
    const morning = DateTime.fromObject(wall, { zone: local.zone });
    if (morning.toMillis() > after.getTime()) return morning.toJSDate();
  }
  throw new Error("no working morning within a week"); // unreachable: a week always has a later working morning
}

/** The first working day's startHour local at or after `instant`. */
export function workingMorningAtOrAfter(instant: Date, zone: string, hours?: WorkingHours): Date {
  return nextWorkingMorning(new Date(instant.getTime() - 1), zone, hours);
}

/** The instant itself when inside working time, else the start of the next working time (a working morning). */
export function clampToWorkingTime(instant: Date, zone: string, hours?: WorkingHours): Date {
  return isWorkingTime(instant, zone, hours)
    ? new Date(instant.getTime())
    : nextWorkingMorning(instant, zone, hours);
}
