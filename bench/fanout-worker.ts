// The benchmark's delivery process: one delivery worker against the loopback fake Slack, until killed (or SIGTERM).
// Started by bench/fanout.ts with FANOUT_DATABASE_URL, FANOUT_SLACK_URL, FANOUT_RATE and FANOUT_LEASE_MS.
import { openDatabase } from "../src/db/client.ts";
import { createBenchWorker } from "./fanout-delivery.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const database = await openDatabase({ kind: "postgres", url: env("FANOUT_DATABASE_URL"), maxConnections: 8 });
const worker = createBenchWorker({
  db: database.db,
  slackUrl: env("FANOUT_SLACK_URL"),
  rate: Number(env("FANOUT_RATE")),
  leaseMs: Number(env("FANOUT_LEASE_MS")),
});
worker.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
