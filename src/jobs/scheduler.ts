// Ticks the jobs with node-cron; a slot (job + minute) is claimed in Postgres so only one instance runs it.
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/client.ts";
import { claimJobSlot, finishJobSlot, pruneJobRuns } from "../db/job-runs-store.ts";
import type { Logger } from "../logger.ts";
import type { Job, JobResult } from "./job.ts";

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs one slot of a job if no instance has claimed it yet; what the cron tick calls. */
  tick(job: Job, now: Date): Promise<JobResult | null>;
}

/** Told of each job run this instance made (the /metrics counters); must not throw. */
export interface JobObserver {
  ran(job: string, outcome: "ok" | "failed", seconds: number): void;
}

export function slotOf(now: Date): string {
  return now.toISOString().slice(0, 16);
}

export function createScheduler(options: {
  db: Db;
  jobs: readonly Job[];
  logger: Logger;
  instanceId: string;
  now?: () => Date;
  observer?: JobObserver;
}): Scheduler {
  const log = options.logger.child({ component: "scheduler" });
  const now = options.now ?? (() => new Date());
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<unknown>>();

  async function tick(job: Job, at: Date): Promise<JobResult | null> {
    const slot = slotOf(at);
    if (!(await claimJobSlot(options.db, job.name, slot, options.instanceId))) return null;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let result: JobResult;
    try {
      result = await job.run(at);
    } catch (error) {
      options.observer?.ran(job.name, "failed", seconds());
      throw error;
    }
    options.observer?.ran(job.name, "ok", seconds());
    await finishJobSlot(options.db, job.name, slot, now());
    if (result.counts && Object.values(result.counts).some((n) => n > 0)) {
      log.info({ job: job.name, slot, ...result.counts }, result.summary);
    }
    return result;
  }

  const track = (work: Promise<unknown>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  return {
    tick,
    start() {
      for (const job of options.jobs) {
        const task = cron.schedule(
          job.cron,
          () => {
            track(
              tick(job, now()).catch((error: unknown) =>
                log.error(
                  { job: job.name, err: (error as Error).message },
                  "Job failed; the next tick retries it",
                ),
              ),
            );
          },
          { name: job.name, timezone: "UTC", noOverlap: true },
        );
        tasks.push(task);
      }
      // Keep a week of the ledger: enough to see what ran, small enough to stay fast.
      const prune = cron.schedule("17 3 * * *", () => {
        track(pruneJobRuns(options.db, new Date(now().getTime() - 7 * 86_400_000)));
      });
      tasks.push(prune);
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      tasks.length = 0;
      await Promise.allSettled([...running]);
    },
  };
}
