// When a member's next check-in prompt comes, in their own zone: a planned prompt's due time, else the next slot.
import { slotFor } from "../schedule/checkin-slots.ts";
import { periodAt, shiftPeriod } from "../schedule/periods.ts";
import type { WorkingHours } from "../schedule/working-time.ts";
import type { PartnershipView } from "./partnership-port.ts";

/** The instant of the member's next prompt, or null when none is coming (paused, ended). */
export function nextCheckinAt(
  partnership: PartnershipView,
  zone: string,
  now: Date,
  hours?: WorkingHours,
): Date | null {
  if (partnership.status !== "active") return null;
  const pending = partnership.myPrompts
    .filter((prompt) => prompt.status === "pending")
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (pending[0]) return pending[0].dueAt;
  const { cadence, startedAt } = partnership;
  let period = periodAt(cadence, startedAt, now);
  for (let step = 0; step < 4; step++) {
    if (!partnership.plannedKeys.includes(period.key)) {
      const due = slotFor(partnership, period.key, zone, hours).localDue;
      if (due.getTime() > now.getTime() && due.getTime() >= startedAt.getTime()) return due;
    }
    period = shiftPeriod(cadence, startedAt, period, 1);
  }
  return null;
}
