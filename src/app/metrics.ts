// The Prometheus metrics served on GET /metrics: requests per door, ack latency, outbox backlog, deliveries, jobs.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/client.ts";
import { outboxBacklog } from "../db/outbox-store.ts";
import type { DeliveryObserver } from "../delivery/delivery-worker.ts";
import type { JobObserver } from "../jobs/scheduler.ts";
import type { Logger } from "../logger.ts";

/** Which part of the service a request went to; the label on the request metrics. */
export type Door = "slack" | "teams" | "healthz" | "readyz" | "metrics" | "other";

export interface AppMetrics {
  /** A request finished with this status after this many seconds (until the response was sent: the ack). */
  request(door: Door, status: number, seconds: number): void;
  delivery: DeliveryObserver;
  jobs: JobObserver;
  /** The text exposition format, with its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

export function doorOf(path: string): Door {
  if (path.startsWith("/slack/")) return "slack";
  if (path === "/api/messages") return "teams";
  if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path.slice(1) as Door;
  return "other";
}

export function createMetrics(options: { db: Db; logger: Logger }): AppMetrics {
  // One registry per app, not prom-client's global one: tests run several apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const log = options.logger.child({ component: "metrics" });

  const requests = new Counter({
    name: "collab_http_requests_total",
    help: "HTTP requests by door (slack, teams, healthz, readyz, metrics, other) and response status.",
    labelNames: ["door", "status"] as const,
    registers: [registry],
  });
  // Slack wants the ack within 3 s and Teams within 15 s; the buckets are dense below 3 s.
  const ackLatency = new Histogram({
    name: "collab_ack_latency_seconds",
    help: "Time from a Slack or Teams request arriving to its response (the ack) being sent.",
    labelNames: ["door"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5, 10, 15],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "collab_deliveries_total",
    help: "Delivery attempts from the outbox by platform and outcome (sent, retry, rate_limited, failed, not_configured, taken_over).",
    labelNames: ["platform", "outcome"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "collab_rate_limited_total",
    help: "HTTP 429 answers from Slack or Teams to deliveries; each waits for Retry-After.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "collab_job_runs_total",
    help: "Scheduled job runs on this instance by job and outcome (ok, failed).",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "collab_job_duration_seconds",
    help: "How long each scheduled job run on this instance took.",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });

  // The outbox is shared by every instance: these two are read from the database at each scrape.
  let backlog: Awaited<ReturnType<typeof outboxBacklog>> | null = null;
  let backlogRead: Promise<void> | null = null;
  const readBacklog = (): Promise<void> => {
    backlogRead ??= outboxBacklog(options.db)
      .then((rows) => {
        backlog = rows;
      })
      .catch((error: unknown) => {
        backlog = null;
        log.warn({ err: (error as Error).message }, "Could not read the outbox backlog for /metrics");
      })
      .finally(() => {
        backlogRead = null;
      });
    return backlogRead;
  };
  new Gauge({
    name: "collab_outbox_depth",
    help: "Outbox rows still to send, by platform (console rows wait for their person's terminal chat).",
    labelNames: ["platform"] as const,
    registers: [registry],
    async collect() {
      await readBacklog();
      this.reset();
      for (const row of backlog ?? []) this.set({ platform: row.platform }, row.pending);
    },
  });
  new Gauge({
    name: "collab_outbox_oldest_age_seconds",
    help: "Age of the oldest outbox row still to send, by platform.",
    labelNames: ["platform"] as const,
    registers: [registry],
    async collect() {
      await readBacklog();
      this.reset();
      for (const row of backlog ?? []) this.set({ platform: row.platform }, row.oldestAgeSeconds);
    },
  });

  return {
    request(door, status, seconds) {
      requests.inc({ door, status: String(status) });
      if (door === "slack" || door === "teams") ackLatency.observe({ door }, seconds);
    },
    delivery: {
      outcome(platform, outcome) {
        deliveries.inc({ platform, outcome });
        if (outcome === "rate_limited") rateLimited.inc({ platform });
      },
    },
    jobs: {
      ran(job, outcome, seconds) {
        jobRuns.inc({ job, outcome });
        jobDuration.observe({ job }, seconds);
      },
    },
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
