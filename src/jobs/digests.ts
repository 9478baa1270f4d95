// Job `digests`: each coordinator whose local digest day and hour has come since their last digest gets one, once.
import { buildDigest, digestCounts } from "../core/digest/build-digest.ts";
import { digestDue, digestPeriod } from "../core/digest/digest-schedule.ts";
import type { Log } from "../core/ports.ts";
import { recordAudit } from "../db/audit.ts";
import type { Db } from "../db/client.ts";
import { loadDigestSnapshot } from "../db/digest-queries.ts";
import { claimDigest, coordinatorRows } from "../db/digest-store.ts";
import { enqueueMessages } from "../db/outbox-store.ts";
import type { Job } from "./job.ts";

export function createDigestsJob(deps: { db: Db; log?: Log }): Job {
  const { db } = deps;
  return {
    name: "digests",
    cron: "*/15 * * * *",
    description: "Sends each programme coordinator their digest at their local day and hour.",
    async run(now) {
      const due = (await coordinatorRows(db))
        .map((row) => ({
          row,
          slot: digestDue(
            { weekday: row.weekday, hour: row.hour, lastDigestAt: row.lastDigestAt, since: row.createdAt },
            row.timezone,
            now,
          ),
        }))
        .filter((item) => item.slot !== null);
      let sent = 0;
      let failed = 0;
      for (const { row, slot } of due) {
        try {
          const enqueued = await db.transaction(async (tx) => {
            const claim = await claimDigest(tx, {
              programmeId: row.id,
              personId: row.personId,
              slot: slot!,
              now,
            });
            if (!claim) return false;
            const snapshot = await loadDigestSnapshot(tx, {
              programme: { id: row.id, name: row.name },
              period: digestPeriod(claim.lastDigestAt, now),
              now,
              timezone: row.timezone,
            });
            await enqueueMessages(
              tx,
              [
                {
                  kind: "digest",
                  to: { kind: "person", personId: row.personId, programmeId: row.id },
                  dedupeKey: `digest:${row.id}:${row.personId}:${slot!.toISOString()}`,
                  message: buildDigest(snapshot),
                },
              ],
              now,
            );
            await recordAudit(tx, {
              actor: "system",
              platform: "system",
              action: "digest.send",
              subject: row.id,
              details: { coordinatorId: row.personId, trigger: "scheduled", ...digestCounts(snapshot) },
            });
            return true;
          });
          if (enqueued) sent++;
        } catch (error) {
          failed++;
          deps.log?.error(
            { programmeId: row.id, coordinatorId: row.personId, err: (error as Error).message },
            "Digest failed; the next run tries again",
          );
        }
      }
      return {
        summary: `${sent} digest${sent === 1 ? "" : "s"} enqueued${failed > 0 ? `, ${failed} failed` : ""}`,
        counts: { sent, failed },
      };
    },
  };
}
