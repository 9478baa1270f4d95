// Paces sends per key (a workspace, a channel) with token buckets that back off when a platform answers 429.
export interface PacerLimit {
  /** Sends a second that the key may sustain. */
  perSecond: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  limit: PacerLimit;
  rate: number;
  tokens: number;
  updatedAt: number;
  blockedUntil: number;
  /** When the rate last grew back: it recovers with time, not with the number of sends. */
  recoveredAt: number;
}

/** After a 429 the rate is cut once per Retry-After window, however many sends were in flight. */
const DECREASE = 0.8;
/** Then it grows back by this fraction of the limit per second without a 429. */
const RECOVERY_PER_SECOND = 0.02;

export interface Pacer {
  /** Waits until every key has a token, then takes one from each. */
  take(keys: readonly { key: string; limit: PacerLimit }[]): Promise<void>;
  /** The platform said "slow down": hold the key and lower its rate. */
  throttled(key: string, retryAfterMs: number): void;
  /** A send went through: let the key's rate recover towards its limit. */
  succeeded(key: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createPacer(now: () => number = Date.now): Pacer {
  const buckets = new Map<string, Bucket>();
  const bucketFor = (key: string, limit: PacerLimit): Bucket => {
    let bucket = buckets.get(key);
    if (!bucket) {
      const at = now();
      bucket = {
        limit,
        rate: limit.perSecond,
        tokens: limit.burst,
        updatedAt: at,
        blockedUntil: 0,
        recoveredAt: at,
      };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(
      bucket.limit.burst,
      bucket.tokens + ((at - bucket.updatedAt) / 1000) * bucket.rate,
    );
    bucket.updatedAt = at;
  };
  return {
    async take(keys) {
      const needed = keys.map(({ key, limit }) => bucketFor(key, limit));
      for (;;) {
        const at = now();
        let waitMs = 0;
        for (const bucket of needed) {
          refill(bucket, at);
          if (bucket.blockedUntil > at) waitMs = Math.max(waitMs, bucket.blockedUntil - at);
          else if (bucket.tokens < 1) waitMs = Math.max(waitMs, ((1 - bucket.tokens) / bucket.rate) * 1000);
        }
        if (waitMs === 0) {
          for (const bucket of needed) bucket.tokens -= 1;
          return;
        }
        await sleep(Math.max(1, Math.ceil(waitMs)));
      }
    },
    throttled(key, retryAfterMs) {
      const bucket = buckets.get(key);
      if (!bucket) return;
      const at = now();
      // The other sends in flight when the platform said "slow down" answer 429 too: one cut for all of them.
      if (bucket.blockedUntil <= at)
        bucket.rate = Math.max(bucket.limit.perSecond * 0.1, bucket.rate * DECREASE);
      bucket.blockedUntil = Math.max(bucket.blockedUntil, at + retryAfterMs);
      bucket.recoveredAt = bucket.blockedUntil;
      bucket.tokens = Math.min(bucket.tokens, 0);
    },
    succeeded(key) {
      const bucket = buckets.get(key);
      if (!bucket) return;
      const at = now();
      if (at <= bucket.recoveredAt) return;
      const seconds = (at - bucket.recoveredAt) / 1000;
      bucket.rate = Math.min(
        bucket.limit.perSecond,
        bucket.rate + bucket.limit.perSecond * RECOVERY_PER_SECOND * seconds,
      );
      bucket.recoveredAt = at;
    },
  };
}
