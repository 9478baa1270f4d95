// The job-run ledger: the first instance to insert (job, slot) runs that slot; the others skip it.
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "./client.ts";
import { jobRuns } from "./schema.ts";

export async function claimJobSlot(db: Db, job: string, slot: string, instanceId: string): Promise<boolean> {
  const rows = await db
    .insert(jobRuns)
    .values({ job, slot, claimedBy: instanceId })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  return rows.length > 0;
}

export async function finishJobSlot(db: Db, job: string, slot: string, at: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ finishedAt: at })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)));
}

/** The ledger only needs recent slots; older ones are removed so it stays small. */
export async function pruneJobRuns(db: Db, before: Date): Promise<void> {
  await db.delete(jobRuns).where(lt(jobRuns.claimedAt, before));
}
