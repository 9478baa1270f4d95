// The ranker's partial sort: walking the keys gives exactly the fully sorted order, however large or repeated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAscendingWalk } from "../../src/core/matching/ascending-walk.ts";

function walkAll(keys: Float64Array, head: number): number[] {
  const next = createAscendingWalk(keys, head);
  const out: number[] = [];
  for (let key = next(); key !== Number.POSITIVE_INFINITY; key = next()) out.push(key);
  return out;
}

describe("createAscendingWalk", () => {
  it("yields every finite key smallest first, as a full sort does, then stops at +Infinity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(Number.POSITIVE_INFINITY)), {
          maxLength: 3000,
        }),
        fc.integer({ min: 1, max: 64 }),
        (values, head) => {
          const expected = values.filter((v) => v !== Number.POSITIVE_INFINITY).sort((a, b) => a - b);
          expect(walkAll(Float64Array.from(values), head)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("walks 100,000 keys in order past several partial sorts", () => {
    const keys = new Float64Array(100_000);
    for (let i = 0; i < keys.length; i++) keys[i] = ((i * 7919) % 100_003) * 2 ** 21 + i;
    const expected = Array.from(keys).sort((a, b) => a - b);
    expect(walkAll(keys, 16)).toEqual(expected);
  });
});
