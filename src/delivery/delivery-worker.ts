// Sends what the outbox holds: claims due rows, paces them under each platform's limits, retries, records outcomes.
import type { Platform } from "../core/message.ts";
import { type ChatSender, type Delivery, DeliveryError } from "../core/outgoing.ts";
import type { Db } from "../db/client.ts";
import { claimDeliveries, markFailed, markRetry, markSent, renewLease } from "../db/outbox-store.ts";
import type { Logger } from "../logger.ts";
import { createPacer, type Pacer, type PacerLimit } from "./pacer.ts";

export interface PlatformLimits {
  /** Per workspace or tenant. */
  tenant: PacerLimit;
  /** Per channel or conversation. */
  conversation: PacerLimit;
}

// Slack: chat.postMessage about 1/s per channel, with a workspace limit; Teams: 7/s per conversation, ~30/s per tenant.
export const defaultLimits: Record<Platform, PlatformLimits> = {
  slack: { tenant: { perSecond: 20, burst: 20 }, conversation: { perSecond: 1, burst: 3 } },
  teams: { tenant: { perSecond: 25, burst: 25 }, conversation: { perSecond: 6, burst: 6 } },
  console: { tenant: { perSecond: 1000, burst: 1000 }, conversation: { perSecond: 1000, burst: 1000 } },
};

export interface DeliveryWorkerOptions {
  db: Db;
  senders: Partial<Record<Platform, ChatSender>>;
  logger: Logger;
  now?: () => Date;
  limits?: Partial<Record<Platform, PlatformLimits>>;
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** The first retry's wait after a failure (default 1 s); each further attempt doubles it, up to 15 minutes. */
  retryBaseMs?: number;
  /** How often the loop looks for work when the outbox is empty. */
  idleMs?: number;
  /** Told each delivery's outcome (the /metrics counters); must not throw. */
  observer?: DeliveryObserver;
}

/** What happened to one delivery attempt: sent, will be retried (after a 429: rate_limited), or given up. */
export type DeliveryOutcome = "sent" | "retry" | "rate_limited" | "failed" | "not_configured" | "taken_over";

export interface DeliveryObserver {
  outcome(platform: Platform, outcome: DeliveryOutcome): void;
}

export interface DeliveryLiveness {
  running: boolean;
  /** When the loop last showed progress (Date.now()): a pass over the outbox, a batch or a delivery done. */
  lastTickAt: number | null;
}

export interface DeliveryWorker {
  /** Delivers everything due now; resolves with how many rows it handled. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** For /readyz: whether the loop runs and when it last moved. */
  liveness(): DeliveryLiveness;
}

export function backoffMs(attempt: number, baseMs = 1_000): number {
  return Math.min(15 * 60_000, baseMs * 2 ** Math.min(attempt - 1, 10));
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const now = options.now ?? (() => new Date());
  const pacer: Pacer = createPacer();
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 12;
  const retryBaseMs = options.retryBaseMs ?? 1_000;
  const log = options.logger.child({ component: "delivery" });
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastTickAt: number | null = null;
  const tick = () => {
    lastTickAt = Date.now();
  };
  const observe = (platform: Platform, outcome: DeliveryOutcome) => {
    options.observer?.outcome(platform, outcome);
    tick();
  };

  const limitsFor = (platform: Platform): PlatformLimits =>
    options.limits?.[platform] ?? defaultLimits[platform];

  async function deliver(delivery: Delivery): Promise<void> {
    const sender = options.senders[delivery.platform];
    if (!sender) {
      await markRetry(
        options.db,
        delivery.id,
        `${delivery.platform} is not configured`,
        new Date(now().getTime() + 60_000),
        delivery.attempts,
      );
      observe(delivery.platform, "not_configured");
      return;
    }
    const limits = limitsFor(delivery.platform);
    const tenantKey = `${delivery.platform}:${delivery.tenantId}`;
    const conversationKey = `${tenantKey}:${delivery.target.id}`;
    await pacer.take([
      { key: tenantKey, limit: limits.tenant },
      { key: conversationKey, limit: limits.conversation },
    ]);
    // The row may have waited here (pacing, Retry-After) past its lease and been taken over by another worker:
    // sending it now would send it twice. So the lease is renewed first, and kept up while the send runs.
    const renew = () =>
      renewLease(options.db, delivery.id, delivery.attempts, new Date(now().getTime() + leaseMs));
    if (!(await renew())) {
      log.info({ outbox: delivery.id }, "Delivery taken over by another worker; not sent here");
      observe(delivery.platform, "taken_over");
      return;
    }
    const heartbeat = setInterval(
      () => {
        renew().catch((error: unknown) => {
          log.warn(
            { outbox: delivery.id, err: (error as Error).message },
            "Could not renew a delivery's lease",
          );
        });
      },
      Math.max(250, leaseMs / 3),
    );
    try {
      const receipt = await sender.send(delivery).finally(() => clearInterval(heartbeat));
      pacer.succeeded(tenantKey);
      await markSent(options.db, delivery.id, receipt, now(), delivery.attempts);
      observe(delivery.platform, "sent");
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError("retry", `unexpected: ${(error as Error).message}`);
      // A 429 is about the workspace, not the message: it waits for Retry-After and never uses up its attempts.
      const rateLimited = failure.outcome === "retry" && failure.retryAfterMs !== undefined;
      if (failure.outcome === "permanent" || (!rateLimited && delivery.attempts >= maxAttempts)) {
        log.warn(
          { outbox: delivery.id, reason: failure.reason, attempts: delivery.attempts },
          "Delivery failed",
        );
        await markFailed(options.db, delivery.id, failure.reason, delivery.attempts);
        observe(delivery.platform, "failed");
        return;
      }
      if (failure.retryAfterMs !== undefined) pacer.throttled(tenantKey, failure.retryAfterMs);
      const delay = rateLimited
        ? (failure.retryAfterMs ?? 0) + Math.floor(Math.random() * 250)
        : backoffMs(delivery.attempts, retryBaseMs);
      log.info({ outbox: delivery.id, reason: failure.reason, retryInMs: delay }, "Delivery will be retried");
      await markRetry(
        options.db,
        delivery.id,
        failure.reason,
        new Date(now().getTime() + delay),
        delivery.attempts,
      );
      observe(delivery.platform, rateLimited ? "rate_limited" : "retry");
    }
  }

  async function runPool(deliveries: Delivery[]): Promise<void> {
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, deliveries.length) }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        await deliver(delivery);
      }
    });
    await Promise.all(workers);
  }

  async function drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await claimDeliveries(options.db, now(), batchSize, leaseMs);
      tick();
      if (batch.length === 0) return handled;
      await runPool(batch);
      handled += batch.length;
      if (!running && loop) return handled;
    }
  }

  return {
    drain,
    liveness: () => ({ running, lastTickAt }),
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await drain();
          } catch (error) {
            log.error({ err: (error as Error).message }, "Delivery loop failed; trying again shortly");
          }
          if (!running) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.idleMs ?? 1_000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
