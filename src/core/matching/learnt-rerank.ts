// A learnt re-ranker over the index's closest candidates: a linear model of how a research coordinator chose among
// them in labelled sets (test/fixtures/matching-training and the tuning sets), trained by scripts/train-match-rerank.ts.
import { readFileSync } from "node:fs";
import { stem } from "./stem.ts";
import { normaliseSpelling, stopwords, tokenize } from "./tokenize.ts";
import type { MatchProfile } from "./types.ts";

/** What each dense feature says about a candidate, in the order of `CandidateFeatures.dense`. */
export const rerankFeatureNames = [
  "engine score / best in pool",
  "1 / (1 + engine rank)",
  "shown by the engine alone",
  "BM25 of the need's words over the profile",
  "BM25 of the ask's words over the profile",
  "BM25 of the ask's words over methods",
  "BM25 of the ask's words over expertise",
  "BM25 of the ask's words over offers",
  "BM25 of the ask's words over role and department",
  "word overlap with the requester (Jaccard)",
  "open to mentoring and not early-career",
  "open to mentoring, for a mentoring or career ask",
  "senior",
  "profile entries the reason names (/3)",
  "concepts shared with the need (/2)",
  "concepts shared with the ask (/2)",
  "coordinating or managing role",
  "holds a concept the need's words hint at",
] as const;

export interface RerankModel {
  /** One weight per dense feature. */
  dense: readonly number[];
  /** "w:<need word stem>|<candidate unit>" → weight; candidate units are concepts ("c:…") and role words ("r:…"). */
  cross: ReadonlyMap<string, number>;
}

export interface CandidateFeatures {
  dense: Float64Array;
  /** The candidate's units the cross weights pair with the need's words: concepts ("c:…") and role words ("r:…"). */
  units: string[];
  /** Every "w:<need word>|<unit>" pair, for training; empty when described for serving. */
  cross: string[];
}

const stems = new Map<string, string>();

/**
 * Greetings and the words of asking ("Hi, … - any ideas? thanks"): the engine's stopwords leave them in, and a weight
 * learnt for them would let politeness reorder the answer.
 */
const askingWords: ReadonlySet<string> = new Set(
  `hi hello hey dear thanks thank cheers recommend recommendation recommendations hoping hope idea ideas asap urgent
urgently suggestion suggestions pointers appreciate appreciated`.split(/\s+/),
);

/** Words as the re-ranker reads them: no stopwords or words of asking, nothing shorter than three letters, stemmed. */
export function rerankTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (token.length <= 2 || stopwords.has(token) || askingWords.has(token)) continue;
    let stemmed = stems.get(token);
    if (stemmed === undefined) {
      stemmed = stem(normaliseSpelling(token));
      if (stems.size >= 50_000) stems.clear();
      stems.set(token, stemmed);
    }
    out.push(stemmed);
  }
  return out;
}

export type ProfileField = "all" | "methods" | "expertise" | "offers" | "role";
export const profileFields: readonly ProfileField[] = ["all", "methods", "expertise", "offers", "role"];

export function fieldTerms(p: MatchProfile): Record<ProfileField, string[]> {
  const role = rerankTerms([p.role, p.department].filter(Boolean).join(" . "));
  const expertise = rerankTerms(p.expertise.join(" . "));
  const methods = rerankTerms(p.methods.join(" . "));
  const offers = rerankTerms(p.offers.join(" . "));
  return { all: [...role, ...expertise, ...methods, ...offers], methods, expertise, offers, role };
}

/** The directory's word statistics: how many profiles, and in how many a word appears (the index's posting lists). */
export interface TermStats {
  documents: number;
  df(term: string): number;
}

/** What is read once per need, shared by its candidates. */
export interface NeedTerms {
  need: string[];
  ask: string[];
  needConcepts: ReadonlySet<string>;
  askConcepts: ReadonlySet<string>;
  mentoringAsk: boolean;
  requesterTerms: ReadonlySet<string>;
  /** Concepts the need's words hint at without naming them (concept-hints.ts). */
  hinted: ReadonlySet<string>;
}

export function readNeedTerms(
  need: string,
  ask: string,
  needConcepts: ReadonlySet<string>,
  askConcepts: ReadonlySet<string>,
  requester: MatchProfile,
  hinted: ReadonlySet<string> = new Set(),
): NeedTerms {
  return {
    need: [...new Set(rerankTerms(need))],
    ask: [...new Set(rerankTerms(ask))],
    needConcepts,
    askConcepts,
    mentoringAsk: /mentor|career|supervis|guidance|advice on my|fellowship|phd|get into research/i.test(need),
    requesterTerms: new Set(fieldTerms(requester).all),
    hinted,
  };
}

/** One candidate of the pool as the engine left it. */
export interface PoolCandidate {
  profile: MatchProfile;
  engineScore: number;
  shownByEngine: boolean;
  matchedEntries: number;
  /** The concepts ("c:…") the index posts for the candidate: from any field of their profile, with broader ones. */
  concepts: ReadonlySet<string>;
}

/** BM25 (k1 1.2, b 0.75); lengths are measured against the candidates' mean, which costs the index nothing to keep. */
function bm25(
  docTerms: readonly string[],
  query: readonly string[],
  stats: TermStats,
  meanLength: number,
): number {
  if (query.length === 0 || docTerms.length === 0) return 0;
  const norm = 0.25 + (0.75 * docTerms.length) / Math.max(1, meanLength);
  let score = 0;
  for (const t of query) {
    // A few query words against a few dozen profile words: counting by scan allocates nothing, unlike a map.
    let f = 0;
    for (const d of docTerms) if (d === t) f++;
    if (f === 0) continue;
    const df = Math.max(1, stats.df(t));
    score += (Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5)) * f * 2.2) / (f + 1.2 * norm);
  }
  return score;
}

const genericRole = /coordinator|manager|administrator|officer|facilitator|lead nurse/i;

/** The features of each candidate, in the pool's order (best engine score first); `pairs` lists the cross pairs too. */
export function describeCandidates(
  pool: readonly PoolCandidate[],
  need: NeedTerms,
  stats: TermStats,
  pairs = false,
): CandidateFeatures[] {
  const best = Math.max(1e-9, ...pool.map((c) => c.engineScore));
  const fields = pool.map((c) => fieldTerms(c.profile));
  const mean = {} as Record<ProfileField, number>;
  for (const f of profileFields)
    mean[f] = fields.reduce((sum, t) => sum + t[f].length, 0) / Math.max(1, pool.length);
  const raw = fields.map((terms) => ({
    terms,
    bm: [
      bm25(terms.all, need.need, stats, mean.all),
      bm25(terms.all, need.ask, stats, mean.all),
      bm25(terms.methods, need.ask, stats, mean.methods),
      bm25(terms.expertise, need.ask, stats, mean.expertise),
      bm25(terms.offers, need.ask, stats, mean.offers),
      bm25(terms.role, need.ask, stats, mean.role),
    ],
  }));
  const bmMax = raw[0]?.bm.map((_, i) => Math.max(1e-9, ...raw.map((r) => r.bm[i]!))) ?? [];
  return pool.map((c, rank) => {
    const { terms, bm } = raw[rank]!;
    const own = new Set(terms.all);
    let shared = 0;
    for (const t of own) if (need.requesterTerms.has(t)) shared++;
    let needConcepts = 0;
    let askConcepts = 0;
    let hintedConcepts = 0;
    for (const concept of c.concepts) {
      if (need.hinted.has(concept)) hintedConcepts++;
      if (need.needConcepts.has(concept)) needConcepts++;
      if (need.askConcepts.has(concept)) askConcepts++;
    }
    const p = c.profile;
    const mentor = p.openToMentoring === true && p.careerStage !== "early-career";
    const dense = Float64Array.from([
      c.engineScore / best,
      1 / (1 + rank),
      c.shownByEngine ? 1 : 0,
      ...bm.map((b, i) => b / bmMax[i]!),
      shared / Math.max(1, own.size + need.requesterTerms.size - shared),
      mentor ? 1 : 0,
      need.mentoringAsk && p.openToMentoring === true ? 1 : 0,
      p.careerStage === "senior" ? 1 : 0,
      Math.min(1, c.matchedEntries / 3),
      Math.min(1, needConcepts / 2),
      Math.min(1, askConcepts / 2),
      genericRole.test(p.role ?? "") ? 1 : 0,
      hintedConcepts > 0 ? 1 : 0,
    ]);
    const units = [...c.concepts, ...new Set(rerankTerms(p.role ?? "").map((t) => `r:${t}`))];
    const cross: string[] = [];
    if (pairs) for (const word of need.need) for (const unit of units) cross.push(`w:${word}|${unit}`);
    return { dense, units, cross };
  });
}

/** The model's cross weights by need word, then unit: built once per model. */
const byWordCache = new WeakMap<RerankModel, Map<string, Map<string, number>>>();

function crossByWord(model: RerankModel): Map<string, Map<string, number>> {
  let byWord = byWordCache.get(model);
  if (!byWord) {
    byWord = new Map();
    for (const [k, w] of model.cross) {
      const bar = k.indexOf("|");
      const word = k.slice(0, bar);
      let units = byWord.get(word);
      if (!units) {
        units = new Map();
        byWord.set(word, units);
      }
      units.set(k.slice(bar + 1), w);
    }
    byWordCache.set(model, byWord);
  }
  return byWord;
}

/** What each unit a candidate may have adds for this need: the cross weights summed over the need's words. */
export function unitWeights(model: RerankModel, need: NeedTerms): Map<string, number> {
  const byWord = crossByWord(model);
  const out = new Map<string, number>();
  for (const word of need.need) {
    for (const [unit, w] of byWord.get(`w:${word}`) ?? []) out.set(unit, (out.get(unit) ?? 0) + w);
  }
  return out;
}

/** The model's score for a candidate; `weights` is `unitWeights` of the need (the same as summing the cross pairs). */
export function rerankScore(
  model: RerankModel,
  features: CandidateFeatures,
  weights: ReadonlyMap<string, number>,
): number {
  let score = 0;
  for (let i = 0; i < features.dense.length; i++) score += (model.dense[i] ?? 0) * features.dense[i]!;
  for (const unit of features.units) score += weights.get(unit) ?? 0;
  return score;
}

interface StoredModel {
  dense: number[];
  cross: Record<string, number>;
}

export function modelFromJson(stored: StoredModel): RerankModel {
  return { dense: stored.dense, cross: new Map(Object.entries(stored.cross)) };
}

export function modelToJson(model: RerankModel): StoredModel {
  return { dense: [...model.dense], cross: Object.fromEntries(model.cross) };
}

let shipped: RerankModel | undefined;

/** The model trained on the labelled sets and kept beside this file (read once). */
export function shippedRerankModel(): RerankModel {
  shipped ??= modelFromJson(
    JSON.parse(readFileSync(new URL("./rerank-weights.json", import.meta.url), "utf8")) as StoredModel,
  );
  return shipped;
}
