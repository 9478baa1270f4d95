// Working days (Mon–Fri) and working hours in a person's own time zone: is it working time, when is the next working morning.
import { DateTime, IANAZone } from "luxon";

/** Local working hours: from startHour:00 (inclusive) to endHour:00 (exclusive), on Monday to Friday. */
export interface WorkingHours {
  startHour: number;
  endHour: number;
}

export const DEFAULT_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({ startHour: 9, endHour: 17 });

/** The zone itself when it is a known IANA name (e.g. "Europe/London"), otherwise "UTC". */
export function safeZone(zone?: string | null): string {
  const name = typeof zone === "string" ? zone.trim() : "";
  return name !== "" && IANAZone.isValidZone(name) ? name : "UTC";
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

/** The instant seen in the zone; throws RangeError on an invalid Date. */
export function toLocal(instant: Date, zone: string): DateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError("invalid date");
  return DateTime.fromJSDate(instant, { zone: safeZone(zone) });
}

/** hour:00 local on the calendar day of `day`, in that day's zone (24 means the next midnight). */
export function atLocalHour(day: DateTime, hour: number): DateTime {
  const midnight = { year: day.year, month: day.month, day: day.day, hour: 0 };
  if (hour === 24) return DateTime.fromObject(midnight, { zone: day.zone }).plus({ days: 1 }).startOf("day");
  return DateTime.fromObject({ ...midnight, hour }, { zone: day.zone });
}

/** True when the instant falls on Mon–Fri between startHour (inclusive) and endHour (exclusive), local time. */
export function isWorkingTime(instant: Date, zone: string, hours?: WorkingHours): boolean {
  const { startHour, endHour } = checkHours(hours);
  const local = toLocal(instant, zone);
  if (!isWorkingDay(local.weekday)) return false;
  const t = instant.getTime();
  return t >= atLocalHour(local, startHour).toMillis() && t < atLocalHour(local, endHour).toMillis();
}

/** The first working day's startHour local that is strictly after `after` (the same day when before startHour). */
export function nextWorkingMorning(after: Date, zone: string, hours?: WorkingHours): Date {
  const { startHour } = checkHours(hours);
  const day = toLocal(after, zone).startOf("day");
  for (let i = 0; i <= 7; i++) {
    const candidate = day.plus({ days: i });
    if (!isWorkingDay(candidate.weekday)) continue;
    const morning = atLocalHour(candidate, startHour);
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
