// Chooses the programme a coordinator means: the only one they coordinate, or the one they name.

export type ProgrammePick<T extends { name: string }> =
  | { ok: true; programme: T }
  | { ok: false; reason: "none" | "ambiguous" | "unknown"; names: string[] };

export function pickProgramme<T extends { name: string }>(
  programmes: readonly T[],
  named: string,
): ProgrammePick<T> {
  const names = programmes.map((p) => p.name);
  if (programmes.length === 0) return { ok: false, reason: "none", names };
  const wanted = named.trim().toLowerCase();
  if (wanted === "") {
    return programmes.length === 1
      ? { ok: true, programme: programmes[0]! }
      : { ok: false, reason: "ambiguous", names };
  }
  const match = programmes.find((p) => p.name.toLowerCase() === wanted);
  return match ? { ok: true, programme: match } : { ok: false, reason: "unknown", names };
}
