// Walks a ranker's packed keys in ascending order, sorting only as far as the walk goes.
// The ranker stops within the first few hundred of what can be tens of thousands of candidates for a broad need
// ("cancer", "statistics" at 100,000 profiles), and sorting them all was most of such a query's time.

/** Evenly spaced keys read to pick a threshold; kept between calls (the ranker runs one query at a time). */
const sample = new Float64Array(512);

/**
 * Returns `next()`, which yields the keys smallest first, then +Infinity when none is left. Reorders `keys` in place
 * and allocates nothing as large as it, so the ranker can pass a view of a buffer it reuses.
 */
export function createAscendingWalk(keys: Float64Array, head = 1024): () => number {
  let current = keys;
  let rest: Float64Array | null = null;
  let at = 0;
  let want = head;

  // Sorts about `want` of the smallest keys of `from` (those up to a threshold read off an evenly spaced sample),
  // moved to its front, and keeps the others, unsorted behind them, for when the walk gets that far. Any threshold
  // keeps the order exact.
  const split = (from: Float64Array) => {
    at = 0;
    if (from.length <= want * 4) {
      from.sort();
      current = from;
      rest = null;
      return;
    }
    const samples = sample.length;
    const stride = from.length / samples;
    for (let s = 0; s < samples; s++) sample[s] = from[Math.floor(s * stride)]!;
    sample.sort();
    const threshold = sample[Math.min(samples - 1, Math.ceil((want / from.length) * samples))]!;
    // Keys up to the threshold to the front, the others to the back, by swapping pairs that are on the wrong side.
    let i = 0;
    let j = from.length - 1;
    for (;;) {
      while (i <= j && from[i]! <= threshold) i++;
      while (i <= j && from[j]! > threshold) j--;
      if (i > j) break;
      const swap = from[i]!;
      from[i] = from[j]!;
      from[j] = swap;
      i++;
      j--;
    }
    current = from.subarray(0, i);
    current.sort();
    rest = from.subarray(i);
  };

  split(keys);
  return () => {
    while (at >= current.length) {
      if (rest === null || rest.length === 0) return Number.POSITIVE_INFINITY;
      want *= 4;
      split(rest);
    }
    return current[at++]!;
  };
}
