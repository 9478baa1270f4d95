// Scheduled digests: each coordinator whose local digest day and hour has come since their last digest gets one, once.
import type { Log } from "../ports.ts";
import { buildDigest, digestCounts } from "./build-digest.ts";
import { digestDue, digestPeriod } from "./digest-schedule.ts";
import type { ScheduledDigestPort } from "./scheduled-digest-port.ts";

export interface DigestService {
  /** The `digests` job: sends every digest that is due; one that fails is counted and tried again next run. */
  run(now: Date): Promise<{ sent: number; failed: number }>;
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
        return slot ? [{ row, slot }] : [];
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
