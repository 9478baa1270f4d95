// Concept hints: what a need's everyday words suggest it asks for, learnt from which people coordinators chose, and
// how the index reads a hinted concept (people who hold it are found, the reason names what they hold).
import { describe, expect, it } from "vitest";
import {
  type HintExample,
  hintConcepts,
  hintsFromText,
  liftOf,
  shippedConceptHints,
  trainConceptHints,
} from "../../src/core/matching/concept-hints.ts";
import { createMatchIndex } from "../../src/core/matching/create-match-index.ts";
import { rerankTerms } from "../../src/core/matching/learnt-rerank.ts";
import { matchProfile } from "../helpers/match-profiles.ts";

const now = new Date("2025-03-01T09:00:00Z");

describe("learning hints", () => {
  const present = new Set(["c:operational-research", "c:qualitative", "c:biostatistics"]);
  const example = (words: string[], chosen: string[]): HintExample => ({
    words,
    chosen: new Set(chosen),
    present,
  });
  const examples = [
    ...Array.from({ length: 6 }, () => example(["queue", "wait"], ["c:operational-research"])),
    ...Array.from({ length: 6 }, () => example(["stori", "wait"], ["c:qualitative"])),
    ...Array.from({ length: 6 }, () => example(["number"], ["c:biostatistics"])),
  ];

  it("learns that a word goes with the concept of the people chosen when it is used", () => {
    const hints = trainConceptHints(examples);
    expect(liftOf(hints, "queue", "c:operational-research")).toBeGreaterThan(0.5);
    expect(liftOf(hints, "queue", "c:qualitative")).toBeLessThan(0);
  });

  it("keeps nothing for a word that was used too rarely to say anything", () => {
    const hints = trainConceptHints([...examples, example(["traffic"], ["c:biostatistics"])]);
    expect(hints.lift.has("traffic")).toBe(false);
  });

  it("hints the strongest concepts someone has that the need does not already name", () => {
    const hints = trainConceptHints(examples);
    const options = { minScore: 0.5, most: 2 };
    expect(hintConcepts(hints, ["queue", "wait"], new Set(), options)[0]?.unit).toBe(
      "c:operational-research",
    );
    expect(
      hintConcepts(hints, ["queue", "wait"], new Set(["c:operational-research"]), options).map((h) => h.unit),
    ).not.toContain("c:operational-research");
    expect(
      hintConcepts(hints, ["queue"], new Set(), options, (c) => c !== "c:operational-research").map(
        (h) => h.unit,
      ),
    ).not.toContain("c:operational-research");
    expect(hintConcepts(hints, ["queue"], new Set(), { minScore: 50, most: 2 })).toEqual([]);
  });
});

describe("the index with hints", () => {
  const requester = matchProfile("req", {
    role: "Emergency department matron",
    expertise: ["emergency nursing"],
  });
  const modeller = matchProfile("or", {
    role: "Lecturer",
    expertise: ["discrete event simulation of hospitals"],
    methods: ["simulation modelling"],
  });
  const cardiologist = matchProfile("cardio", {
    role: "Consultant cardiologist",
    expertise: ["heart failure"],
  });
  const hints = hintsFromText("crowd\tc:operational-research=5\n");
  const need = "our corridor is always crowded by ten in the morning";

  it("finds someone who holds a hinted concept though they share no word with the need, names it, and says the match is not strong", () => {
    const index = createMatchIndex([requester, modeller, cardiologist], { rerank: null, hints });
    const suggestions = index.suggest(requester, need, { now, limit: 3 });
    expect(suggestions.map((s) => s.personId)).toEqual(["or"]);
    expect(suggestions[0]!.matched.join(" ")).toMatch(/discrete event simulation/);
    expect(suggestions[0]!.weak).toBe(true);
  });

  it("reads no hint weaker than the index's minimum", () => {
    const faint = hintsFromText("crowd\tc:operational-research=3\n");
    const index = createMatchIndex([requester, modeller, cardiologist], { rerank: null, hints: faint });
    expect(index.suggest(requester, need, { now, limit: 3 })).toEqual([]);
  });

  it("suggests nobody for the same need without the hints", () => {
    const index = createMatchIndex([requester, modeller, cardiologist], { rerank: null, hints: null });
    expect(index.suggest(requester, need, { now, limit: 3 })).toEqual([]);
  });

  it("ships hints learnt from the labelled sets, keyed by the stems the need is read into", () => {
    const shipped = shippedConceptHints();
    expect(shipped.lift.size).toBeGreaterThan(100);
    const [queue] = rerankTerms("queues");
    expect(shipped.lift.has(queue!)).toBe(true);
  });
});
