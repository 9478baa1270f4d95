// When a member's next check-in prompt comes, in their own zone: a planned prompt's due time, else the next slot;
// either moved as the check-in job will move it past public holidays, days away and the programme's answer window.
import { DEFAULT_ANSWER_WINDOW } from "../calendar/answer-window.ts";
import {
  calendarOf,
  isOpenDay,
  isOpenTime,
  nextOpenTime,
  openMorningAtOrAfter,
  placeInPeriod,
} from "../calendar/person-calendar.ts";
import { slotFor } from "../schedule/checkin-slots.ts";
import { periodAt, shiftPeriod } from "../schedule/periods.ts";
import { toLocal, type WorkingHours } from "../schedule/working-time.ts";
import type { PartnershipView } from "./partnership-port.ts";

/** The instant of the member's next prompt, or null when none is coming (paused, ended). */
export function nextCheckinAt(
  partnership: PartnershipView,
  zone: string,
  now: Date,
  hours?: WorkingHours,
): Date | null {
  if (partnership.status !== "active") return null;
  const { cadence, startedAt } = partnership;
  const window = { ...(partnership.window ?? DEFAULT_ANSWER_WINDOW), ...hours };
  const calendar = calendarOf({ zone, ...partnership.myCalendar });
  const pending = partnership.myPrompts
    .filter((prompt) => prompt.status === "pending")
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  for (const prompt of pending) {
    // Where the check-in job will send it: on its day if open, else the next open morning of its period.
    const periodEnd = periodAt(cadence, startedAt, prompt.dueAt).end;
    if (prompt.dueAt.getTime() <= now.getTime()) {
      const at = isOpenTime(now, calendar, window)
        ? prompt.dueAt
        : nextOpenTime(now, calendar, window, periodEnd);
      if (at) return at;
      continue;
    }
    if (isOpenDay(toLocal(prompt.dueAt, calendar.zone).toISODate()!, calendar, window)) return prompt.dueAt;
    const moved = openMorningAtOrAfter(prompt.dueAt, calendar, window, periodEnd);
    if (moved) return moved;
  }
  let period = periodAt(cadence, startedAt, now);
  for (let step = 0; step < 6; step++) {
    if (!partnership.plannedKeys.includes(period.key)) {
      const slot = slotFor(partnership, period.key, zone, window).localDue;
      const due = placeInPeriod(slot, calendar, window, period);
      if (due && due.getTime() > now.getTime() && due.getTime() >= startedAt.getTime()) return due;
    }
    period = shiftPeriod(cadence, startedAt, period, 1);
  }
  return null;
}
