// Walks a ranker's packed keys in ascending order, sorting only as far as the walk goes.
// The ranker stops within the first few hundred of what can be tens of thousands of candidates for a broad need
// ("cancer", "statistics" at 100,000 profiles), and sorting them all was most of such a query's time.

/** Returns `next()`, which yields the keys smallest first, then +Infinity when none is left. Sorts `keys` in place. */
export function createAscendingWalk(keys: Float64Array, head = 1024): () => number {
  let current = keys;
  let rest: Float64Array | null = null;
  let at = 0;
  let want = head;

  // Sorts about `want` of the smallest keys of `from` (those up to a threshold read off an evenly spaced sample) and
  // keeps the others, unsorted, for when the walk gets that far. Any threshold keeps the order exact.
  const split = (from: Float64Array) => {
    at = 0;
    if (from.length <= want * 4) {
      from.sort();
      current = from;
      rest = null;
      return;
    }
    const samples = 512;
    const stride = from.length / samples;
    const sample = new Float64Array(samples);
    for (let s = 0; s < samples; s++) sample[s] = from[Math.floor(s * stride)]!;
    sample.sort();
    const threshold = sample[Math.min(samples - 1, Math.ceil((want / from.length) * samples))]!;
    let frontLength = 0;
    for (let i = 0; i < from.length; i++) if (from[i]! <= threshold) frontLength++;
    const front = new Float64Array(frontLength);
    const back = new Float64Array(from.length - frontLength);
    let f = 0;
    let b = 0;
    for (let i = 0; i < from.length; i++) {
      const key = from[i]!;
      if (key <= threshold) front[f++] = key;
      else back[b++] = key;
    }
    front.sort();
    current = front;
    rest = back;
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
