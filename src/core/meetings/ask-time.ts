// When "Did you meet?" is asked: a week after the intro (and a week after "Not yet"), at the partnership's local hour
// on a working day in each person's own zone — the hour check-ins use, clamped into working hours the same way.
import { effectiveHour } from "../schedule/checkin-slots.ts";
import { DEFAULT_WORKING_HOURS, safeZone, workingMorningAtOrAfter } from "../schedule/working-time.ts";

export const MEET_ASK_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

/** The earliest instant of an ask: a week after `from` (an accepted intro, or a "Not yet"). */
export function meetAskDueAt(from: Date): Date {
  return new Date(from.getTime() + MEET_ASK_AFTER_DAYS * DAY_MS);
}

/** The first working day's local hour at or after `dueAt` in the zone (09:00–16:00, as check-ins clamp it). */
export function meetAskAt(dueAt: Date, zone: string | null, localHour: number): Date {
  const hour = effectiveHour({ cadence: "weekly", startedAt: dueAt, localHour });
  return workingMorningAtOrAfter(dueAt, safeZone(zone), {
    startHour: hour,
    endHour: DEFAULT_WORKING_HOURS.endHour,
  });
}
