// The benchmark's delivery process: one delivery worker against the loopback fake Slack, until killed (or SIGTERM).
// Started by bench/fanout.ts with FANOUT_DATABASE_URL, FANOUT_SLACK_URL, FANOUT_RATE and FANOUT_LEASE_MS.
import { webApi } from "@slack/bolt";
import { createSlackSender } from "../src/bots/slack/slack-sender.ts";
import { openDatabase } from "../src/db/client.ts";
import { createDeliveryWorker } from "../src/delivery/delivery-worker.ts";
import { createLogger } from "../src/logger.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const rate = Number(env("FANOUT_RATE"));
const database = await openDatabase({ kind: "postgres", url: env("FANOUT_DATABASE_URL"), maxConnections: 8 });
const client = new webApi.WebClient("xoxb-bench-token", {
  slackApiUrl: env("FANOUT_SLACK_URL"),
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 10_000,
});
const worker = createDeliveryWorker({
  db: database.db,
  senders: { slack: createSlackSender(client) },
  logger: createLogger({ level: "error", destination: 2 }),
  // The platform's per-workspace allowance, as the operator would configure it; each member is their own channel.
  limits: {
    slack: {
      tenant: { perSecond: rate, burst: Math.max(1, Math.floor(rate / 20)) },
      conversation: { perSecond: 1, burst: 3 },
    },
  },
  batchSize: Math.max(10, Math.min(100, rate)),
  concurrency: 16,
  leaseMs: Number(env("FANOUT_LEASE_MS")),
  idleMs: 100,
});
worker.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
