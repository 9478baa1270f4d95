// `npm run bench:match-quality`: precision@3 per kind of need on the tuning, held-out and unseen sets, beside BM25.
// Also imported by the held-out regression test, so the figures in the test and in the report are the same code.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMatchIndex, type MatchIndexOptions } from "../src/core/matching/create-match-index.ts";
import { stem } from "../src/core/matching/stem.ts";
import { normaliseSpelling, stopwords, tokenize } from "../src/core/matching/tokenize.ts";
import type { MatchProfile, Suggestion } from "../src/core/matching/types.ts";

export interface LabelledNeed {
  id?: string;
  kind: string;
  requesterEmail: string;
  need: string;
  acceptable: string[];
  mustNotAppear: string[];
  why: string;
}

export interface LabelledSet {
  name: string;
  profiles: MatchProfile[];
  needs: LabelledNeed[];
}

/** Both sets share one evaluation date (see test/fixtures/matching-heldout/README.md). */
export const evaluationNow = new Date("2025-03-01T09:00:00Z");

const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "..", "test", "fixtures");

/**
 * "matching-paraphrases" are lay, complementary and no-match rewordings of the tuning fixture's needs over its
 * profiles, written for tuning and for the paraphrase tests; the held-out set is never tuned on.
 */
export function loadSet(
  folder:
    | "matching"
    | "matching-paraphrases"
    | "matching-tuning-2"
    | "matching-tuning-3"
    | "matching-tuning-4"
    | "matching-heldout"
    | "matching-heldout-2",
): LabelledSet {
  const dir = join(fixtures, folder);
  return loadSetDir(dir, folder, folder === "matching-paraphrases" ? join(fixtures, "matching") : dir);
}

/** A labelled set from a folder holding needs.json and (or in `profileDir`) profiles.json. */
export function loadSetDir(dir: string, name: string, profileDir = dir): LabelledSet {
  const profiles = (
    JSON.parse(readFileSync(join(profileDir, "profiles.json"), "utf8")) as (Omit<
      MatchProfile,
      "pausedUntil"
    > & {
      pausedUntil: string | null;
    })[]
  ).map((p) => ({ ...p, pausedUntil: p.pausedUntil ? new Date(p.pausedUntil) : null }));
  const needs = (JSON.parse(readFileSync(join(dir, "needs.json"), "utf8")) as Partial<LabelledNeed>[]).map(
    (n) => ({
      ...n,
      kind: n.kind ?? "plain",
      mustNotAppear: n.mustNotAppear ?? [],
      acceptable: n.acceptable ?? [],
    }),
  ) as LabelledNeed[];
  return { name, profiles, needs };
}

/**
 * Eight more sets written apart by helpers who never read the ranker (test/fixtures/matching-unseen/<set>/), each with
 * its own 60 profiles: like the held-out sets, measured and never tuned on.
 */
export function loadUnseenSets(): LabelledSet[] {
  const root = join(fixtures, "matching-unseen");
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => loadSetDir(join(root, name), `matching-unseen/${name}`));
}

/** Anything that ranks people for a need: the engine, or the baseline. */
export type Ranker = (requester: MatchProfile, need: string, limit: number) => Suggestion[];

export interface NeedResult {
  need: LabelledNeed;
  /** Precision@3 over what was shown; for a need nobody fits, 1 when the ranker said "no strong match" or showed nobody. */
  precision: number;
  /** A must-not person among the first five. */
  mustNotInTopFive: string[];
  shown: string[];
}

export interface KindFigures {
  kind: string;
  needs: number;
  precision: number;
}

export interface SetFigures {
  overall: number;
  byKind: KindFigures[];
  results: NeedResult[];
}

export function evaluate(set: LabelledSet, rank: Ranker): SetFigures {
  const byEmail = new Map(set.profiles.map((p) => [p.email, p]));
  const byId = new Map(set.profiles.map((p) => [p.id, p]));
  const results: NeedResult[] = [];
  for (const need of set.needs) {
    const requester = byEmail.get(need.requesterEmail);
    if (!requester) throw new Error(`${need.requesterEmail} is not among the profiles of ${set.name}`);
    const top5 = rank(requester, need.need, 5);
    const top3 = top5.slice(0, 3);
    const emails = top3.map((s) => byId.get(s.personId)?.email ?? s.personId);
    let precision: number;
    if (need.acceptable.length === 0) {
      precision = top3.length === 0 || top3.every((s) => s.weak === true) ? 1 : 0;
    } else {
      const hits = emails.filter((e) => need.acceptable.includes(e)).length;
      precision = top3.length > 0 ? hits / top3.length : 0;
    }
    const top5Emails = top5.map((s) => byId.get(s.personId)?.email ?? s.personId);
    results.push({
      need,
      precision,
      mustNotInTopFive: top5Emails.filter((e) => need.mustNotAppear.includes(e)),
      shown: emails,
    });
  }
  return figuresOf(results);
}

/** Mean precision over all the needs' results and per kind of need, kinds in the order they first appear. */
function figuresOf(results: NeedResult[]): SetFigures {
  const kinds = [...new Set(results.map((r) => r.need.kind))];
  const mean = (rs: NeedResult[]) => rs.reduce((sum, r) => sum + r.precision, 0) / Math.max(1, rs.length);
  return {
    overall: mean(results),
    byKind: kinds.map((kind) => {
      const rs = results.filter((r) => r.need.kind === kind);
      return { kind, needs: rs.length, precision: mean(rs) };
    }),
    results,
  };
}

/** Several sets measured as one: each ranked over its own profiles, the needs' figures pooled per kind. */
export function evaluateMany(
  sets: readonly LabelledSet[],
  rank: (set: LabelledSet) => Ranker,
): SetFigures & { bySet: { name: string; overall: number }[] } {
  const perSet = sets.map((set) => ({ name: set.name, figures: evaluate(set, rank(set)) }));
  return {
    ...figuresOf(perSet.flatMap((s) => s.figures.results)),
    bySet: perSet.map((s) => ({ name: s.name, overall: s.figures.overall })),
  };
}

/** Who may never be suggested to this requester, whatever the ranker: the same rules the engine applies. */
function excluded(requester: MatchProfile, candidate: MatchProfile, now: Date): boolean {
  return (
    candidate.id === requester.id ||
    candidate.optedOut ||
    (candidate.pausedUntil != null && candidate.pausedUntil > now) ||
    requester.conflictsWith.includes(candidate.email.toLowerCase()) ||
    candidate.conflictsWith.includes(requester.email.toLowerCase()) ||
    requester.partnerIds.includes(candidate.id) ||
    candidate.partnerIds.includes(requester.id)
  );
}

function bm25Terms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !stopwords.has(t))
    .map((t) => stem(normaliseSpelling(t)));
}

/** Plain Okapi BM25 (k1 1.2, b 0.75) over each profile's words, no thesaurus: the baseline the engine must beat. */
export function createBm25Ranker(profiles: readonly MatchProfile[], now: Date): Ranker {
  const docs = profiles.map((p) => {
    const terms = bm25Terms(
      [p.role, p.department, ...p.expertise, ...p.methods, ...p.offers].filter(Boolean).join(" . "),
    );
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { profile: p, tf, length: terms.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
  const n = docs.length;
  return (requester, need, limit) => {
    const query = [...new Set(bm25Terms(need))];
    const scored: { profile: MatchProfile; score: number }[] = [];
    for (const d of docs) {
      if (excluded(requester, d.profile, now)) continue;
      let score = 0;
      for (const t of query) {
        const f = d.tf.get(t);
        if (!f) continue;
        const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / avgLength));
      }
      if (score > 0) scored.push({ profile: d.profile, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.profile.id < b.profile.id ? -1 : 1));
    return scored
      .slice(0, limit)
      .map((s) => ({ personId: s.profile.id, score: s.score, reason: "", matched: [] }));
  };
}

/** The engine as it ships (with the learnt re-ranker), or as `options` set it up (`{ rerank: null }`: the engine alone). */
export function createEngineRanker(
  profiles: readonly MatchProfile[],
  now: Date,
  options: MatchIndexOptions = {},
): Ranker {
  const index = createMatchIndex(profiles, options);
  return (requester, need, limit) => index.suggest(requester, need, { now, limit });
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** `verbose` lists misses and which needs had a must-not person; never for the held-out set, which is for measuring only. */
function report(set: LabelledSet, verbose: boolean): void {
  const engine = evaluate(set, createEngineRanker(set.profiles, evaluationNow));
  const bm25 = evaluate(set, createBm25Ranker(set.profiles, evaluationNow));
  printFigures(
    `${set.name}: ${set.profiles.length} profiles, ${set.needs.length} needs`,
    engine,
    bm25,
    verbose,
  );
}

/** The unseen sets pooled per kind, then each set's overall figure; never their misses. */
function reportUnseen(): void {
  const sets = loadUnseenSets();
  const engine = evaluateMany(sets, (set) => createEngineRanker(set.profiles, evaluationNow));
  const bm25 = evaluateMany(sets, (set) => createBm25Ranker(set.profiles, evaluationNow));
  const profiles = sets.reduce((sum, set) => sum + set.profiles.length, 0);
  printFigures(
    `matching-unseen: ${sets.length} sets, ${profiles} profiles, ${engine.results.length} needs (pooled)`,
    engine,
    bm25,
    false,
  );
  console.log(
    `each set, engine (BM25): ${engine.bySet
      .map(
        (s, i) =>
          `${s.name.slice(s.name.indexOf("/") + 1)} ${s.overall.toFixed(2)} (${bm25.bySet[i]!.overall.toFixed(2)})`,
      )
      .join(", ")}`,
  );
}

function printFigures(title: string, engine: SetFigures, bm25: SetFigures, verbose: boolean): void {
  console.log(`\n${title}`);
  console.log(`${pad("kind", 16)}${pad("needs", 7)}${pad("engine P@3", 12)}BM25 P@3`);
  for (const k of engine.byKind) {
    const b = bm25.byKind.find((x) => x.kind === k.kind)!;
    console.log(
      `${pad(k.kind, 16)}${pad(String(k.needs), 7)}${pad(k.precision.toFixed(2), 12)}${b.precision.toFixed(2)}`,
    );
  }
  console.log(
    `${pad("overall", 16)}${pad(String(engine.results.length), 7)}${pad(engine.overall.toFixed(3), 12)}${bm25.overall.toFixed(3)}`,
  );
  const mustNot = engine.results.filter((r) => r.mustNotInTopFive.length > 0);
  console.log(
    `must-not people in the engine's top five: ${mustNot.length} needs` +
      (mustNot.length > 0 && verbose
        ? ` (${mustNot.map((r) => r.need.id ?? r.need.need.slice(0, 30)).join(", ")})`
        : ""),
  );
  if (verbose) {
    for (const r of engine.results.filter((x) => x.precision < 1)) {
      console.log(
        `  ${r.precision.toFixed(2)} [${r.need.kind}] ${r.need.need}\n      -> ${r.shown.join(", ")}`,
      );
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log("Collab matching quality: precision@3 per kind of need, engine beside plain BM25");
  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown cpu"}, ${cpus().length} cores, ` +
      `${Math.round(totalmem() / 1024 ** 3)} GB RAM, node ${process.version}`,
  );
  // `--verbose` lists the tuning fixture's misses only: the held-out set is for measuring, not for tuning.
  const verbose = process.argv.includes("--verbose");
  report(loadSet("matching"), verbose);
  report(loadSet("matching-paraphrases"), verbose);
  report(loadSet("matching-tuning-2"), verbose);
  report(loadSet("matching-tuning-3"), verbose);
  // Tuning set 4 is kept for validation: its figures are read, its misses not listed.
  report(loadSet("matching-tuning-4"), false);
  // `--tuning-only` leaves the held-out set out, for quick runs while tuning.
  if (!process.argv.includes("--tuning-only")) {
    report(loadSet("matching-heldout"), false);
    // A second held-out set, written and frozen in session 7 after the first had been read many times.
    report(loadSet("matching-heldout-2"), false);
    // Eight more, written in session 8 by helpers who never read the ranker: 400 needs no change was tuned on.
    reportUnseen();
  }
}
