// Trains the learnt re-ranker: pairwise logistic regression (each acceptable candidate against each other candidate
// of the same need), by plain stochastic gradient descent with a fixed seed so the same data gives the same weights.
import type { CandidateFeatures, RerankModel } from "./learnt-rerank.ts";

/** Each need's candidates, described with their cross pairs (`describeCandidates(…, true)`). */
export interface TrainingNeed {
  candidates: { features: CandidateFeatures; acceptable: boolean }[];
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  seed?: number;
  /** Cross weights smaller than this are dropped from the model (they change little and cost space). */
  minCross?: number;
}

export function trainRerank(needs: readonly TrainingNeed[], options: TrainOptions = {}): RerankModel {
  const epochs = options.epochs ?? 8;
  const rate = options.rate ?? 0.05;
  const l2 = options.l2 ?? 1e-4;
  const dims = needs.find((n) => n.candidates.length > 0)?.candidates[0]?.features.dense.length ?? 0;
  const dense = new Float64Array(dims);
  // Start from the engine's own order (its score and rank), so a feature the data says nothing about changes nothing.
  if (dims > 1) {
    dense[0] = 1;
    dense[1] = 1;
  }
  const cross = new Map<string, number>();
  const score = (f: CandidateFeatures) => {
    let s = 0;
    for (let i = 0; i < dims; i++) s += dense[i]! * f.dense[i]!;
    for (const k of f.cross) s += cross.get(k) ?? 0;
    return s;
  };
  const pairs: [CandidateFeatures, CandidateFeatures][] = [];
  for (const need of needs) {
    for (const a of need.candidates) {
      if (!a.acceptable) continue;
      for (const b of need.candidates) if (!b.acceptable) pairs.push([a.features, b.features]);
    }
  }
  let seed = options.seed ?? 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    for (const [a, b] of pairs) {
      const g = -1 / (1 + Math.exp(score(a) - score(b)));
      for (let i = 0; i < dims; i++) dense[i]! -= rate * (g * (a.dense[i]! - b.dense[i]!) + l2 * dense[i]!);
      for (const k of a.cross) cross.set(k, (cross.get(k) ?? 0) - rate * (g + l2 * (cross.get(k) ?? 0)));
      for (const k of b.cross) cross.set(k, (cross.get(k) ?? 0) - rate * (-g + l2 * (cross.get(k) ?? 0)));
    }
  }
  const minCross = options.minCross ?? 0;
  const kept = new Map<string, number>();
  for (const [k, w] of [...cross].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (Math.abs(w) >= minCross && w !== 0) kept.set(k, Math.round(w * 1e4) / 1e4);
  }
  return { dense: [...dense].map((w) => Math.round(w * 1e4) / 1e4), cross: kept };
}
