// Pairs who said "Not a good fit" after an intro: suggested to each other again only lower down. The penalty is for
// that pair alone and applied here, after the matcher ranked, so the matcher's scores stay the same for everyone.

/** Who this person was "not a good fit" with (by either one's answer). */
export interface PoorFits {
  poorFitsOf(personId: string): Promise<Set<string>>;
}

/** A poor-fit pair keeps this share of its score when ranked among the others. */
export const POOR_FIT_FACTOR = 0.5;

/**
 * The ranking with each poor-fit candidate moved down to where its lowered score belongs; the others keep their
 * order (the matcher's, spread included). Then the first `limit`.
 */
export function lowerPoorFits<T extends { suggestion: { personId: string; score: number } }>(
  ranked: readonly T[],
  poorFits: ReadonlySet<string>,
  limit: number,
): T[] {
  if (poorFits.size === 0) return ranked.slice(0, limit);
  const kept = ranked.filter((r) => !poorFits.has(r.suggestion.personId));
  for (const lowered of ranked.filter((r) => poorFits.has(r.suggestion.personId))) {
    const score = lowered.suggestion.score * POOR_FIT_FACTOR;
    const at = kept.findIndex((r) => !poorFits.has(r.suggestion.personId) && r.suggestion.score < score);
    kept.splice(at === -1 ? kept.length : at, 0, lowered);
  }
  return kept.slice(0, limit);
}
