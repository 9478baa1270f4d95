// The benchmark's delivery worker against the loopback fake Slack, configured as an operator would: shared by the
// child process of the PostgreSQL run (bench/fanout-worker.ts) and the in-process worker of the PGlite run.
import { webApi } from "@slack/bolt";
import { createSlackSender } from "../src/bots/slack/slack-sender.ts";
import type { Db } from "../src/db/client.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../src/delivery/delivery-worker.ts";
import { createLogger } from "../src/logger.ts";

export function createBenchWorker(options: {
  db: Db;
  slackUrl: string;
  /** The platform's per-workspace allowance a second. */
  rate: number;
  leaseMs: number;
}): DeliveryWorker {
  const { db, slackUrl, rate, leaseMs } = options;
  const client = new webApi.WebClient("xoxb-bench-token", {
    slackApiUrl: slackUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
  return createDeliveryWorker({
    db,
    senders: { slack: createSlackSender(client) },
    logger: createLogger({ level: "error", destination: 2 }),
    // Each member is their own channel.
    limits: {
      slack: {
        tenant: { perSecond: rate, burst: Math.max(1, Math.floor(rate / 20)) },
        conversation: { perSecond: 1, burst: 3 },
      },
    },
    batchSize: Math.max(10, Math.min(100, rate)),
    concurrency: 16,
    leaseMs,
    idleMs: 100,
  });
}
