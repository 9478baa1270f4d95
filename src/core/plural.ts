// Counts in words: "1 check-in", "2 check-ins", "1 person", "3 people"; every printed count goes through it.

/** `n` and the noun, singular for exactly one: `count(1, "check-in")`, `count(2, "person", "people")`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
