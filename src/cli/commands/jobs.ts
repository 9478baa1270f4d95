// `collab jobs run <name> [--now ISO]`: runs one job as of an instant, then delivers what it enqueued.

import type { Command } from "commander";
import { createServices } from "../../app/create-services.ts";
import { count } from "../../core/plural.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

const JOB_NAMES = [
  "checkins",
  "reminders",
  "mentor-followups",
  "celebrations",
  "digests",
  "intro-expiry",
  "meet-asks",
  "retention",
] as const;

function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--now "${text}" is not an ISO-8601 instant; use e.g. 2026-11-24T10:00:00Z`);
  }
  return at;
}

export function register(program: Command, context: CliContext): void {
  const jobs = program.command("jobs").description("run scheduled jobs by hand (ops and tests)");
  jobs
    .command("run")
    .description(`run one job as of now or --now: ${JOB_NAMES.join(", ")}`)
    .argument("<name>", "the job to run")
    .option("--now <iso>", "the instant to run it as of (ISO-8601), default now")
    .option("--no-deliver", "only enqueue its messages; leave delivery to the running bot")
    .action(async (name: string, flags: { now?: string; deliver: boolean }) => {
      const now = parseNow(flags.now);
      await context.withDatabase(async (database) => {
        const services = await createServices({
          config: context.platformConfig,
          logger: context.logger,
          database,
          clock: { now: () => now },
        });
        const job = services.jobs.find((j) => j.name === name);
        if (!job) {
          const known = services.jobs.map((j) => j.name);
          throw new UsageError(
            `Unknown job "${name}". Jobs: ${known.length > 0 ? known.join(", ") : "none are available yet"}.`,
          );
        }
        const result = await job.run(now);
        context.out(`${job.name} as of ${now.toISOString()}: ${result.summary}`);
        if (flags.deliver) {
          const delivered = await services.delivery.drain();
          if (delivered > 0) context.out(`Delivered or retried ${count(delivered, "message")}.`);
        }
      });
    });
}
