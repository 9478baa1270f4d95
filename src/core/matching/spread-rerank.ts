// Re-ranks scored candidates (like maximal marginal relevance) so the top few span institutions and disciplines.

export interface SpreadCandidate {
  id: string;
  score: number;
  institutionKey: string;
  /** Expertise and role units, to tell disciplines apart. */
  self: ArrayLike<number>;
}

export const spreadWeights = {
  /** Taken off for each person already chosen from the same institution. */
  sameInstitution: 0.1,
  /** Taken off, scaled by the closest discipline overlap with someone already chosen. */
  sameDiscipline: 0.05,
} as const;

export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a[i] === b[j]) {
        shared++;
        break;
      }
    }
  }
  return shared / (a.length + b.length - shared);
}

/** Picks up to `limit` from the pool, each time the best score after a penalty for resembling those already picked. */
export function spreadRerank<T extends SpreadCandidate>(pool: readonly T[], limit: number): T[] {
  const left = [...pool];
  const picked: T[] = [];
  const perInstitution = new Map<string, number>();
  while (picked.length < limit && left.length > 0) {
    let bestIndex = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < left.length; i++) {
      const c = left[i]!;
      let closest = 0;
      for (const p of picked) closest = Math.max(closest, similarity(c.self, p.self));
      const value =
        c.score -
        spreadWeights.sameInstitution * (perInstitution.get(c.institutionKey) ?? 0) -
        spreadWeights.sameDiscipline * closest;
      const best = left[bestIndex];
      if (value > bestValue || (value === bestValue && best !== undefined && c.id < best.id)) {
        bestValue = value;
        bestIndex = i;
      }
    }
    const chosen = left.splice(bestIndex, 1)[0]!;
    picked.push(chosen);
    perInstitution.set(chosen.institutionKey, (perInstitution.get(chosen.institutionKey) ?? 0) + 1);
  }
  return picked;
}
