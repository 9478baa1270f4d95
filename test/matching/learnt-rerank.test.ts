// The learnt re-ranker: it learns the order a coordinator chose, only reorders the engine's close candidates (as many
// shown, the same "no strong match"), and the shipped weights are what the training script makes of the sets.
import { describe, expect, it } from "vitest";
import { evaluationNow, loadSet } from "../../bench/match-quality.ts";
import { trainingGroups, trainOn } from "../../bench/match-rerank.ts";
import { hintsToText, shippedConceptHints } from "../../src/core/matching/concept-hints.ts";
import { createMatchIndex } from "../../src/core/matching/create-match-index.ts";
import {
  type CandidateFeatures,
  type NeedTerms,
  rerankFeatureNames,
  rerankScore,
  shippedRerankModel,
  unitWeights,
} from "../../src/core/matching/learnt-rerank.ts";
import { trainRerank } from "../../src/core/matching/train-rerank.ts";

const dims = rerankFeatureNames.length;
const features = (values: Record<number, number>, cross: string[] = []): CandidateFeatures => {
  const dense = new Float64Array(dims);
  for (const [i, v] of Object.entries(values)) dense[Number(i)] = v;
  return { dense, units: cross.map((k) => k.slice(k.indexOf("|") + 1)), cross };
};
const needOf = (word: string): NeedTerms => ({
  need: [word],
  ask: [word],
  needConcepts: new Set(),
  askConcepts: new Set(),
  mentoringAsk: false,
  requesterTerms: new Set(),
  hinted: new Set(),
});

describe("training the re-ranker", () => {
  // Needs where the engine's first candidate is always wrong and the one who shares the asked concept is right.
  const needs = Array.from({ length: 30 }, (_, n) => ({
    candidates: [
      { features: features({ 0: 1, 1: 1 }, [`w:ask${n % 3}|c:other`]), acceptable: false },
      { features: features({ 0: 0.9, 1: 0.5, 15: 1 }, [`w:ask${n % 3}|c:asked`]), acceptable: true },
      { features: features({ 0: 0.8, 1: 0.33 }), acceptable: false },
    ],
  }));

  it("learns to put the acceptable candidate first, from dense features and word-and-concept pairs", () => {
    const model = trainRerank(needs);
    for (const [n, need] of needs.entries()) {
      const weights = unitWeights(model, needOf(`ask${n % 3}`));
      const scores = need.candidates.map((c) => rerankScore(model, c.features, weights));
      expect(scores[1]).toBeGreaterThan(scores[0]!);
      expect(scores[1]).toBeGreaterThan(scores[2]!);
    }
    expect(model.dense[15]).toBeGreaterThan(0);
    expect(model.cross.get("w:ask0|c:asked")).toBeGreaterThan(0);
    expect(model.cross.get("w:ask0|c:other") ?? 0).toBeLessThan(0);
  });

  it("scores a candidate from the need's words the same as from the pairs it was trained on", () => {
    const model = trainRerank(needs);
    for (const c of needs[4]!.candidates) {
      let fromPairs = 0;
      for (let i = 0; i < dims; i++) fromPairs += model.dense[i]! * c.features.dense[i]!;
      for (const k of c.features.cross) fromPairs += model.cross.get(k) ?? 0;
      expect(rerankScore(model, c.features, unitWeights(model, needOf("ask1")))).toBeCloseTo(fromPairs, 12);
    }
  });

  it("gives the same weights for the same data, and drops cross weights below minCross", () => {
    const a = trainRerank(needs);
    const b = trainRerank(needs);
    expect(b.dense).toEqual(a.dense);
    expect([...b.cross]).toEqual([...a.cross]);
    const pruned = trainRerank(needs, { minCross: 10 });
    expect(pruned.cross.size).toBe(0);
  });

  it("leaves the engine's order when no need has an acceptable candidate to learn from", () => {
    const model = trainRerank([
      { candidates: needs[0]!.candidates.map((c) => ({ ...c, acceptable: false })) },
    ]);
    expect(model.dense.slice(0, 2)).toEqual([1, 1]);
    expect(model.dense.slice(2).every((w) => w === 0)).toBe(true);
  });
});

describe("the index with the shipped re-ranker", () => {
  const set = loadSet("matching-tuning-3");
  const learnt = createMatchIndex(set.profiles);
  const engine = createMatchIndex(set.profiles, { rerank: null });
  const byEmail = new Map(set.profiles.map((p) => [p.email, p]));

  it("shows as many people as the engine alone, says 'no strong match' as it does, and orders by its score", () => {
    let reordered = 0;
    for (const need of set.needs) {
      const requester = byEmail.get(need.requesterEmail)!;
      const a = learnt.suggest(requester, need.need, { now: evaluationNow });
      const b = engine.suggest(requester, need.need, { now: evaluationNow });
      expect(a.length, need.need).toBe(b.length);
      expect(
        a.map((s) => s.weak === true),
        need.need,
      ).toEqual(b.map((s) => s.weak === true));
      for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
      for (const s of a) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThan(1);
        expect(s.reason.length).toBeGreaterThan(0);
        expect(s.personId).not.toBe(requester.id);
      }
      if (a.map((s) => s.personId).join() !== b.map((s) => s.personId).join()) reordered++;
    }
    // It changes some answers, not all of them.
    expect(reordered).toBeGreaterThan(0);
    expect(reordered).toBeLessThan(set.needs.length);
  });

  it("never suggests someone unavailable: opted out, paused or in conflict", () => {
    for (const need of set.needs) {
      const requester = byEmail.get(need.requesterEmail)!;
      for (const s of learnt.suggest(requester, need.need, { now: evaluationNow, limit: 5 })) {
        const p = set.profiles.find((x) => x.id === s.personId)!;
        expect(p.optedOut).toBe(false);
        expect(p.pausedUntil == null || p.pausedUntil <= evaluationNow).toBe(true);
        expect(requester.conflictsWith).not.toContain(p.email);
      }
    }
  });
});

describe("the shipped weights", () => {
  it("are what scripts/train-match-rerank.ts makes of the tuning and training sets (rerun it after changing them)", () => {
    const { model: fresh, hints } = trainOn(trainingGroups());
    expect(hintsToText(shippedConceptHints())).toEqual(hintsToText(hints));
    const shipped = shippedRerankModel();
    expect(shipped.dense.length).toBe(dims);
    for (let i = 0; i < dims; i++)
      expect(shipped.dense[i]!, rerankFeatureNames[i]).toBeCloseTo(fresh.dense[i]!, 2);
    expect(Math.abs(shipped.cross.size - fresh.cross.size)).toBeLessThanOrEqual(fresh.cross.size * 0.01);
  }, 120_000);
});
