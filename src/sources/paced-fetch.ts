// GETs paced under a source's rate limit (requests a second), retrying 429 and 5xx with backoff and Retry-After.

export interface PacedFetchOptions {
  /** The source's name in messages, e.g. "NCBI E-utilities". */
  name: string;
  requestsPerSecond: number;
  /** Tries per request, the first included. */
  attempts?: number;
  /** The first retry waits this long, doubling after (plus up to a quarter of jitter). */
  backoffMs?: number;
  /** Per try; a source that hangs is given up on and retried. */
  timeoutMs?: number;
  /** Told of each retry (status or network error), for the log. */
  onRetry?: (details: { source: string; status: number | string; attempt: number; waitMs: number }) => void;
}

/** A source that kept failing after its retries, or answered with a status that retrying cannot fix. */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    readonly status: number | string,
  ) {
    super(`${source} answered ${typeof status === "number" ? `HTTP ${status}` : status}`);
    this.name = "SourceError";
  }
}

const retryable = (status: number) => status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createPacedFetch(options: PacedFetchOptions) {
  const gapMs = 1000 / options.requestsPerSecond;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  /** No request, first try or retry, is sent before this (Date.now()). */
  let nextSlot = 0;
  // One request at a time holds the pacer, from its slot until its answer (or failure): a source counts a request
  // when it handles it, which may be late (a busy server, a slow connection), so the gap is counted from the
  // answer, not from the send; a retry queues behind everyone else's slots like any request.
  let queue: Promise<void> = Promise.resolve();

  /** Waits until Date.now() reaches `at`: a timer set after a long synchronous task can fire early. */
  async function until(at: number): Promise<void> {
    for (let wait = at - Date.now(); wait > 0; wait = at - Date.now()) await sleep(wait);
  }

  /** Sends `request` in its turn, `gapMs` (or a Retry-After) after the previous answer. */
  function paced<T>(request: () => Promise<T>, holdFor: (result: T) => number | undefined): Promise<T> {
    const mine = queue.then(async () => {
      await until(nextSlot);
      try {
        const result = await request();
        nextSlot = Date.now() + Math.max(gapMs, holdFor(result) ?? 0);
        return result;
      } catch (error) {
        nextSlot = Date.now() + gapMs;
        throw error;
      }
    });
    queue = mine.then(
      () => {},
      () => {},
    );
    return mine;
  }

  /** The body of a 2xx answer to GET `url`; throws SourceError when the source keeps failing. */
  return async function get(url: string, headers: Record<string, string> = {}): Promise<string> {
    let last: number | string = "no answer";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let waitMs: number | undefined;
      try {
        const response = await paced(
          () => fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) }),
          // Retry-After holds every request to this source, not only the one retried.
          (answer) =>
            retryable(answer.status) ? retryAfterMs(answer.headers.get("retry-after")) : undefined,
        );
        if (response.ok) return await response.text();
        await response.body?.cancel();
        last = response.status;
        if (!retryable(response.status)) throw new SourceError(options.name, response.status);
        waitMs = retryAfterMs(response.headers.get("retry-after"));
      } catch (error) {
        if (error instanceof SourceError) throw error;
        last = (error as Error).name === "TimeoutError" ? "nothing in time" : "a network error";
      }
      if (attempt === attempts) break;
      const wait = waitMs ?? backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 4);
      options.onRetry?.({ source: options.name, status: last, attempt, waitMs: Math.round(wait) });
      await sleep(wait);
    }
    throw new SourceError(options.name, last);
  };
}

export type PacedGet = ReturnType<typeof createPacedFetch>;
