// When the one reminder for an unanswered check-in prompt goes out: the first working morning after a delay.
import { safeZone, type WorkingHours, workingMorningAtOrAfter } from "./working-time.ts";

export interface ReminderOptions {
  /** Hours after the prompt before a reminder is considered. Default 24. */
  afterHours?: number;
  hours?: WorkingHours;
}

export const DEFAULT_REMINDER_AFTER_HOURS = 24;

/** The first working day's startHour (in the member's zone) at or after promptSentAt + afterHours. */
export function reminderDueAt(promptSentAt: Date, zone: string, options: ReminderOptions = {}): Date {
  const { afterHours = DEFAULT_REMINDER_AFTER_HOURS, hours } = options;
  if (!(afterHours >= 0)) throw new RangeError(`afterHours must be ≥ 0, got ${afterHours}`);
  const earliest = new Date(promptSentAt.getTime() + afterHours * 3_600_000);
  return workingMorningAtOrAfter(earliest, safeZone(zone), hours);
}
