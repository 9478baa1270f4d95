// A scheduled job: what is due is decided from the database as of `now`, so any instance may run it, late or twice.
export interface JobResult {
  /** One line for the CLI and the log, e.g. "12 check-in prompts enqueued, 1 skipped". */
  summary: string;
  counts?: Record<string, number>;
}

export interface Job {
  name: string;
  /** node-cron expression (UTC) for when the scheduler ticks it; every minute unless it says otherwise. */
  cron: string;
  description: string;
  run(now: Date): Promise<JobResult>;
}
