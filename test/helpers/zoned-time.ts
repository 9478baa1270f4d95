// Time zones and instants for the schedule tests: five zones spread around the world, UTC and wall-clock instants.
import { DateTime } from "luxon";

/** Zones with DST in either hemisphere, a half-hour offset, and a zone near the date line. */
export const ZONES = [
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata",
  "Pacific/Auckland",
  "America/Los_Angeles",
];

/** An instant given in ISO 8601 with its offset. */
export const at = (iso: string): Date => new Date(iso);

/** An instant seen as local time in a zone. */
export const local = (instant: Date, zone: string): DateTime => DateTime.fromJSDate(instant, { zone });

/** An instant given as local wall-clock time in a zone. */
export const wall = (iso: string, zone: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
