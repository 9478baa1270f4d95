// Which check-ins to create now: a period is planned once its first member's due instant has come.
//
// Each member's prompt is due at the period's slot in their own zone, so in a partnership spanning zones the
// prompts of one check-in fall due hours apart. The next period is looked at too: a member far east of UTC
// is due before the UTC period begins. A member due before the partnership started gets no prompt.
// A slot on a closed day of the member's calendar (a public holiday, a day away, a weekday outside the programme's
// answer window) moves to the next open day of the period; a member away all period gets no prompt that period.

import { calendarOf, placeInPeriod } from "../calendar/person-calendar.ts";
import { slotFor } from "../schedule/checkin-slots.ts";
import { periodAt, shiftPeriod } from "../schedule/periods.ts";
import type { WorkingHours } from "../schedule/working-time.ts";
import type { CheckinPlan, PlanningPartnership } from "./checkin-port.ts";

/** `hours` replaces the hours of every partnership's window (tests); the days stay the window's. */
export function planCheckins(
  partnerships: readonly PlanningPartnership[],
  now: Date,
  hours?: WorkingHours,
): CheckinPlan[] {
  const plans: CheckinPlan[] = [];
  for (const partnership of partnerships) {
    const { cadence, startedAt } = partnership;
    const window = hours ? { ...partnership.window, ...hours } : partnership.window;
    const current = periodAt(cadence, startedAt, now);
    for (const period of [current, shiftPeriod(cadence, startedAt, current, 1)]) {
      if (partnership.plannedKeys.includes(period.key)) continue;
      const prompts = partnership.members
        .filter((member) => member.available)
        .flatMap((member) => {
          const slot = slotFor(partnership, period.key, member.zone, window).localDue;
          const dueAt = placeInPeriod(slot, calendarOf(member), window, period);
          return dueAt ? [{ personId: member.personId, dueAt }] : [];
        })
        .filter((prompt) => prompt.dueAt.getTime() >= startedAt.getTime());
      if (!prompts.some((prompt) => prompt.dueAt.getTime() <= now.getTime())) continue;
      plans.push({
        partnershipId: partnership.id,
        periodKey: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        prompts,
      });
    }
  }
  return plans;
}
