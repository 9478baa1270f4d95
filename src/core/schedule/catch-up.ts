// What to do with a check-in slot after downtime: send now, send late once, record as skipped, or wait.
//
// The caller decides by instants only; a "send-late" should still go out inside the member's working time
// (see isWorkingTime), and a slot that ages past the late window while waiting becomes "skip".

export type CatchUpDecision = "send" | "send-late" | "skip" | "not-yet";

export interface CatchUpOptions {
  /** A slot missed by less than this is sent late, once; at or beyond it, skipped. Default 24. */
  lateWindowHours?: number;
  /** A slot due less than this long ago counts as on time. Default 5. */
  onTimeMinutes?: number;
}

export const DEFAULT_LATE_WINDOW_HOURS = 24;
export const DEFAULT_ON_TIME_MINUTES = 5;

/** not-yet: now < dueAt; send: due < onTimeMinutes ago; send-late: < lateWindowHours ago; skip: older. */
export function classifyMissed(dueAt: Date, now: Date, options: CatchUpOptions = {}): CatchUpDecision {
  const { lateWindowHours = DEFAULT_LATE_WINDOW_HOURS, onTimeMinutes = DEFAULT_ON_TIME_MINUTES } = options;
  const lateness = now.getTime() - dueAt.getTime();
  if (Number.isNaN(lateness)) throw new RangeError("invalid date");
  if (!(onTimeMinutes >= 0) || !(lateWindowHours * 60 >= onTimeMinutes)) {
    throw new RangeError(
      `need 0 ≤ onTimeMinutes (${onTimeMinutes}) ≤ lateWindowHours (${lateWindowHours}) × 60`,
    );
  }
  if (lateness < 0) return "not-yet";
  if (lateness < onTimeMinutes * 60_000) return "send";
  if (lateness < lateWindowHours * 3_600_000) return "send-late";
  return "skip";
}
