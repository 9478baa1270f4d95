// The "Not a good fit" penalty at the suggestions layer: only that pair moves down, to where its halved score belongs.
import { describe, expect, it } from "vitest";
import { lowerPoorFits } from "../../src/core/suggestions/pair-penalty.ts";

const ranked = (...people: [string, number][]) =>
  people.map(([personId, score]) => ({ suggestion: { personId, score } }));
const ids = (list: { suggestion: { personId: string } }[]) => list.map((r) => r.suggestion.personId);

describe("lowerPoorFits", () => {
  it("keeps the matcher's order when nobody is a poor fit", () => {
    const list = ranked(["a", 0.9], ["b", 0.5], ["c", 0.7]);
    expect(ids(lowerPoorFits(list, new Set(), 5))).toEqual(["a", "b", "c"]);
    expect(ids(lowerPoorFits(list, new Set(), 2))).toEqual(["a", "b"]);
  });

  it("moves a poor fit below everyone scoring more than half its score, and no further", () => {
    const list = ranked(["dee", 0.9], ["evan", 0.6], ["fay", 0.5], ["gus", 0.3]);
    expect(ids(lowerPoorFits(list, new Set(["dee"]), 5))).toEqual(["evan", "fay", "dee", "gus"]);
  });

  it("drops a poor fit out of the list when enough others outrank it, and leaves the others' order alone", () => {
    const list = ranked(["dee", 0.8], ["b", 0.7], ["a", 0.75], ["c", 0.6]);
    expect(ids(lowerPoorFits(list, new Set(["dee"]), 3))).toEqual(["b", "a", "c"]);
  });
});
