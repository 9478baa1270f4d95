// Scheduled digests: each coordinator whose local digest day and hour has come since their last digest gets one, once.
import { calendarOf } from "../calendar/person-calendar.ts";
import { isPublicHoliday } from "../calendar/public-holidays.ts";
import type { Log } from "../ports.ts";
import { toLocal } from "../schedule/working-time.ts";
import { buildDigest, digestCounts } from "./build-digest.ts";
import { digestDue, digestPeriod } from "./digest-schedule.ts";
import type { ScheduledCoordinator, ScheduledDigestPort } from "./scheduled-digest-port.ts";

export interface DigestService {
  /** The `digests` job: sends every digest that is due; one that fails is counted and tried again next run. */
  run(now: Date): Promise<{ sent: number; failed: number }>;
}

/**
 * A digest never lands on a public holiday of the coordinator's calendar: on the slot's day it waits, and comes on
 * the next working day (Monday to Friday, no holiday) once the coordinator's digest hour has come.
 */
export function onWorkingDay(row: ScheduledCoordinator, slot: Date, now: Date): boolean {
  const calendar = calendarOf({
    zone: row.timezone,
    country: row.country ?? null,
    region: row.region ?? null,
  });
  const today = toLocal(now, calendar.zone);
  const date = today.toISODate()!;
  if (isPublicHoliday(date, calendar.country, calendar.region)) return false;
  if (date === toLocal(slot, calendar.zone).toISODate()) return true;
  return today.weekday <= 5 && today.hour >= row.hour;
}

export function createDigestService(deps: { store: ScheduledDigestPort; log?: Log }): DigestService {
  const { store } = deps;
  return {
    async run(now) {
      const due = (await store.coordinators()).flatMap((row) => {
        const slot = digestDue(
          { weekday: row.weekday, hour: row.hour, lastDigestAt: row.lastDigestAt, since: row.createdAt },
          row.timezone,
          now,
        );
        return slot && onWorkingDay(row, slot, now) ? [{ row, slot }] : [];
      });
      let sent = 0;
      let failed = 0;
      for (const { row, slot } of due) {
        try {
          const enqueued = await store.sendScheduled(
            { coordinator: row, slot, now },
            {
              period: (lastDigestAt) => digestPeriod(lastDigestAt, now),
              compose: (snapshot) => ({
                message: {
                  kind: "digest",
                  to: { kind: "person", personId: row.personId, programmeId: row.id },
                  dedupeKey: `digest:${row.id}:${row.personId}:${slot.toISOString()}`,
                  message: buildDigest(snapshot),
                },
                counts: digestCounts(snapshot),
              }),
            },
          );
          if (enqueued) sent++;
        } catch (error) {
          failed++;
          deps.log?.error(
            { programmeId: row.id, coordinatorId: row.personId, err: (error as Error).message },
            "Digest failed; the next run tries again",
          );
        }
      }
      return { sent, failed };
    },
  };
}
