// What a need's everyday words hint it asks for, learnt from the labelled sets: a need about "traffic" and "chest"
// that the people a coordinator chose all had air pollution in common. The index adds a hinted concept to the need
// at a low weight, so that people who hold it are read even when they share no word with the need.
import { readFileSync } from "node:fs";

export interface ConceptHints {
  /**
   * Word stem → the concept units ("c:…") it hints at, each with the log of how much more often people holding the
   * concept were chosen when the word was used. Parallel arrays rather than a map per word: 90,000 pairs as maps
   * cost the heap 5 MB, as arrays of shared strings under 1 MB.
   */
  lift: ReadonlyMap<string, WordHints>;
}

export interface WordHints {
  concepts: readonly string[];
  values: Float32Array;
}

/** A word's lift for a concept, 0 when it has none. */
export function liftOf(hints: ConceptHints, word: string, concept: string): number {
  const entry = hints.lift.get(word);
  const i = entry ? entry.concepts.indexOf(concept) : -1;
  return i < 0 ? 0 : entry!.values[i]!;
}

/** Builds the hints from word → concept → lift, each concept name kept once. */
function compact(byWord: Iterable<[string, Iterable<[string, number]>]>): ConceptHints {
  const names = new Map<string, string>();
  const lift = new Map<string, WordHints>();
  for (const [word, pairs] of byWord) {
    const list = [...pairs];
    const concepts = list.map(([c]) => {
      let name = names.get(c);
      if (name === undefined) {
        name = c;
        names.set(c, c);
      }
      return name;
    });
    lift.set(word, { concepts, values: Float32Array.from(list.map(([, v]) => v)) });
  }
  return { lift };
}

/** One labelled need, as training reads it. */
export interface HintExample {
  /** The need's words (`rerankTerms`), each once. */
  words: readonly string[];
  /** Concepts held by someone the coordinator would introduce. */
  chosen: ReadonlySet<string>;
  /** Concepts held by anyone in the directory but the requester. */
  present: ReadonlySet<string>;
}

export interface HintTrainOptions {
  /** Pseudo-count pulling a word's rate towards the concept's overall rate. */
  smoothing?: number;
  /** A word must have been used with the concept present this many times. */
  minSeen?: number;
  /** Lifts nearer to zero than this are dropped. */
  minLift?: number;
}

export function trainConceptHints(
  examples: readonly HintExample[],
  options: HintTrainOptions = {},
): ConceptHints {
  const k = options.smoothing ?? 2;
  const minSeen = options.minSeen ?? 2;
  const minLift = options.minLift ?? 0.5;
  const chosenCount = new Map<string, number>();
  const presentCount = new Map<string, number>();
  const pairChosen = new Map<string, number>();
  const pairPresent = new Map<string, number>();
  const add = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const e of examples) {
    if (e.chosen.size === 0) continue;
    for (const c of e.present) {
      add(presentCount, c);
      if (e.chosen.has(c)) add(chosenCount, c);
    }
    for (const w of e.words) {
      for (const c of e.present) {
        add(pairPresent, `${w}|${c}`);
        if (e.chosen.has(c)) add(pairChosen, `${w}|${c}`);
      }
    }
  }
  const lift = new Map<string, Map<string, number>>();
  for (const [key, seen] of [...pairPresent].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (seen < minSeen) continue;
    const bar = key.indexOf("|");
    const word = key.slice(0, bar);
    const concept = key.slice(bar + 1);
    const prior = (chosenCount.get(concept) ?? 0) / Math.max(1, presentCount.get(concept) ?? 0);
    if (prior <= 0) continue;
    const rate = ((pairChosen.get(key) ?? 0) + k * prior) / (seen + k);
    const value = Math.log(rate / prior);
    if (Math.abs(value) < minLift) continue;
    let byConcept = lift.get(word);
    if (!byConcept) {
      byConcept = new Map();
      lift.set(word, byConcept);
    }
    byConcept.set(concept, Math.round(value * 1e3) / 1e3);
  }
  return compact(lift);
}

export interface Hint {
  unit: string;
  score: number;
}

/** The concepts the words hint at most strongly that someone has, leaving out those the need names; best first. */
export function hintConcepts(
  hints: ConceptHints,
  words: readonly string[],
  named: ReadonlySet<string>,
  options: { minScore: number; most: number },
  available: (unit: string) => boolean = () => true,
): Hint[] {
  const scores = new Map<string, number>();
  for (const w of new Set(words)) {
    const entry = hints.lift.get(w);
    if (!entry) continue;
    for (let i = 0; i < entry.concepts.length; i++) {
      const c = entry.concepts[i]!;
      scores.set(c, (scores.get(c) ?? 0) + entry.values[i]!);
    }
  }
  return [...scores]
    .filter(([c, s]) => s >= options.minScore && !named.has(c) && available(c))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.most)
    .map(([unit, score]) => ({ unit, score }));
}

/**
 * The hints as text, one word a line: the word, then each concept and its lift ("queu\tc:operational-research=1.234").
 * Read line by line rather than as JSON: parsing 100,000 pairs as JSON objects raised the server's peak memory by
 * some 20 MB for a moment, which the index's build then sat on top of.
 */
export function hintsToText(hints: ConceptHints): string {
  const lines: string[] = [];
  for (const [word, { concepts, values }] of hints.lift) {
    lines.push([word, ...concepts.map((c, i) => `${c}=${Math.round(values[i]! * 1e3) / 1e3}`)].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

export function hintsFromText(text: string): ConceptHints {
  const byWord: [string, [string, number][]][] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const [word, ...pairs] = line.split("\t");
    byWord.push([
      word!,
      pairs.map((pair) => {
        const at = pair.lastIndexOf("=");
        return [pair.slice(0, at), Number(pair.slice(at + 1))];
      }),
    ]);
  }
  return compact(byWord);
}

let shipped: ConceptHints | undefined;

/** The hints learnt from the labelled sets and kept beside this file (read once). */
export function shippedConceptHints(): ConceptHints {
  shipped ??= hintsFromText(readFileSync(new URL("./concept-hints.tsv", import.meta.url), "utf8"));
  return shipped;
}
