// Calendar dates (YYYY-MM-DD) as people type them and as a person's own time zone sees today.
import { DateTime } from "luxon";
import { safeZone } from "./schedule/working-time.ts";

/** The date as typed, when it is a real calendar date in YYYY-MM-DD form. */
export function parseIsoDate(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return null;
  return DateTime.fromISO(trimmed, { zone: "UTC" }).isValid ? trimmed : null;
}

/** Today's date where the person is. */
export function todayIn(now: Date, zone: string | null | undefined): string {
  return DateTime.fromJSDate(now, { zone: safeZone(zone) }).toISODate() ?? now.toISOString().slice(0, 10);
}

/** A date shown as people read it, e.g. "Tue 24 November 2026". */
export function formatDate(date: string): string {
  return DateTime.fromISO(date, { zone: "UTC" }).toFormat("ccc d LLLL yyyy");
}

/** An instant shown as a day and time in the person's zone, e.g. "Tue 24 November 2026, 09:00". */
export function formatInstant(at: Date, zone: string | null | undefined): string {
  return DateTime.fromJSDate(at, { zone: safeZone(zone) }).toFormat("ccc d LLLL yyyy, HH:mm");
}
