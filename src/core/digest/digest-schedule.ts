// When a coordinator's digest is due: their weekday and hour on their own wall clock, most recently at or before now.
import { DateTime } from "luxon";
import { safeZone } from "../schedule/working-time.ts";

export const DEFAULT_DIGEST_WEEKDAY = 1;
export const DEFAULT_DIGEST_HOUR = 9;
/** The period a first digest (or one asked for before any was sent) covers. */
export const DEFAULT_DIGEST_DAYS = 7;

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[(weekday - 1 + 7) % 7] ?? "Monday";
}

export const hourLabel = (hour: number): string => `${String(hour).padStart(2, "0")}:00`;

/** The latest instant at or before `now` that is `weekday` (1 = Monday … 7 = Sunday) at `hour`:00 local. */
export function latestDigestSlot(
  weekday: number,
  hour: number,
  zone: string | null | undefined,
  now: Date,
): Date {
  const local = DateTime.fromJSDate(now, { zone: safeZone(zone) });
  for (let back = 0; back <= 8; back++) {
    const day = local.minus({ days: back });
    if (day.weekday !== weekday) continue;
    const slot = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour },
      { zone: local.zone },
    );
    if (slot.toMillis() <= now.getTime()) return slot.toJSDate();
  }
  throw new Error("no digest slot within eight days"); // unreachable: every weekday recurs within a week
}

/** Whether a digest slot has come since the last digest (or, before the first, since the coordinator was added). */
export function digestDue(
  settings: { weekday: number; hour: number; lastDigestAt: Date | null; since: Date },
  zone: string | null | undefined,
  now: Date,
): Date | null {
  const slot = latestDigestSlot(settings.weekday, settings.hour, zone, now);
  const last = settings.lastDigestAt ?? settings.since;
  return last.getTime() < slot.getTime() ? slot : null;
}

const DAY_MS = 86_400_000;
const MAX_PERIOD_DAYS = 31;

/**
 * The period a digest covers: since the last one, or the week before `now` when there was none (or it was less
 * than a day ago, as when a coordinator asks again right after one); never longer than a month.
 */
export function digestPeriod(lastDigestAt: Date | null, now: Date): { since: Date; until: Date } {
  const age = lastDigestAt ? now.getTime() - lastDigestAt.getTime() : 0;
  const days = age >= DAY_MS ? Math.min(age / DAY_MS, MAX_PERIOD_DAYS) : DEFAULT_DIGEST_DAYS;
  return { since: new Date(now.getTime() - days * DAY_MS), until: now };
}
