// When the mentor is next asked to follow up: N days after the meeting, at the start of the mentor's working day.
import { DateTime } from "luxon";
import { clampToWorkingTime, safeZone, workingMorningAtOrAfter } from "../schedule/working-time.ts";

const DAY_MS = 86_400_000;
export const SNOOZE_DAYS = 7;

/** The working morning on (or after) metOn + days in the mentor's zone; never before the next working time from now. */
export function followUpAt(metOn: string, days: number, zone: string | null, now: Date): Date {
  const tz = safeZone(zone);
  const day = DateTime.fromISO(metOn, { zone: tz }).startOf("day").plus({ days });
  const at = workingMorningAtOrAfter(day.toJSDate(), tz);
  return at.getTime() > now.getTime() ? at : clampToWorkingTime(now, tz);
}

/** A week from now, inside the mentor's working time. */
export function snoozedUntil(now: Date, zone: string | null): Date {
  return clampToWorkingTime(new Date(now.getTime() + SNOOZE_DAYS * DAY_MS), safeZone(zone));
}
