// GET /readyz: whether this instance should get traffic — database answers, migrations applied, delivery loop alive.
import { count } from "../core/plural.ts";
import type { Database } from "../db/client.ts";
import { pendingMigrations } from "../db/migrate.ts";
import type { DeliveryWorker } from "../delivery/delivery-worker.ts";

export interface ReadinessOptions {
  database: Database;
  delivery: DeliveryWorker;
  /** How long the delivery loop may go without moving before the instance counts as not ready (default 60 s). */
  deliveryStaleMs?: number;
  timeoutMs?: number;
}

type Check = { ok: true } | { ok: false; reason: string };

export function createReadiness(options: ReadinessOptions): () => Promise<{
  ok: boolean;
  body: Record<string, unknown>;
}> {
  const staleMs = options.deliveryStaleMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 2_000;

  async function database(): Promise<Check> {
    try {
      await withTimeout(options.database.ping(), timeoutMs);
      return { ok: true };
    } catch {
      // No driver message: /readyz is open to the load balancer, and the log has the details.
      return { ok: false, reason: "the database does not answer" };
    }
  }

  async function migrations(): Promise<Check> {
    try {
      const pending = await withTimeout(pendingMigrations(options.database.db), timeoutMs);
      if (pending === 0) return { ok: true };
      return {
        ok: false,
        reason: `${count(pending, "migration")} not applied: restart the bot or run \`collab migrate\``,
      };
    } catch {
      return { ok: false, reason: "cannot read which migrations are applied" };
    }
  }

  function delivery(): Check {
    const { running, lastTickAt } = options.delivery.liveness();
    if (!running) return { ok: false, reason: "the delivery worker is not running" };
    if (lastTickAt === null)
      return { ok: false, reason: "the delivery worker has not looked at the outbox yet" };
    const ago = Date.now() - lastTickAt;
    if (ago > staleMs) {
      return { ok: false, reason: `the delivery worker has not moved for ${Math.round(ago / 1000)} s` };
    }
    return { ok: true };
  }

  return async () => {
    const checks: Record<string, Check> = {
      database: await database(),
      migrations: await migrations(),
      delivery: delivery(),
    };
    const notReady = Object.entries(checks).filter(([, check]) => !check.ok);
    return {
      ok: notReady.length === 0,
      body: {
        status: notReady.length === 0 ? "ready" : "not ready",
        checks: Object.fromEntries(
          Object.entries(checks).map(([name, check]) => [name, check.ok ? "ok" : check.reason]),
        ),
        ...(notReady.length > 0 ? { notReady: notReady.map(([name]) => name) } : {}),
      },
    };
  };
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
