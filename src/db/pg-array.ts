// A PostgreSQL array literal in one text parameter: bulk inserts and updates through unnest(), a few parameters each.

/** `{"a","b",NULL}`: each element quoted, with `\` and `"` escaped; null stays NULL. Cast it, e.g. `::uuid[]`. */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const items = values.map((value) =>
    value === null ? "NULL" : `"${String(value).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(",")}}`;
}
