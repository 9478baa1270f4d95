// Turns a phrase into matchable units: thesaurus concepts ("c:oncology") and stemmed words ("w:breast").

import { lexicon as concepts } from "./lay-lexicon.ts";
import { stem } from "./stem.ts";
import { connectors, normaliseSpelling, stopwords, tokenize } from "./tokenize.ts";

export interface TextUnit {
  /** "c:<concept id>" or "w:<stem>". */
  unit: string;
  /** Which part of the text it came from; parts are separated by words like "for", "with", "in". */
  segment: number;
  /** True when the unit is a broader concept implied by what was written, not written itself. */
  broader: boolean;
}
// A unit may appear once per part of the text: "bioinformatician for tumour sequencing" has genomics twice,
// implied by the ask and written in its context.

interface Phrase {
  stems: readonly string[];
  conceptIds: string[];
}

const memoLimit = 50_000;
const stemMemo = new Map<string, string>();
const textMemo = new Map<string, readonly TextUnit[]>();

function stemToken(token: string): string {
  let stemmed = stemMemo.get(token);
  if (stemmed === undefined) {
    stemmed = stem(normaliseSpelling(token));
    if (stemMemo.size >= memoLimit) stemMemo.clear();
    stemMemo.set(token, stemmed);
  }
  return stemmed;
}

const stopStems: ReadonlySet<string> = new Set([...stopwords].map((w) => stem(normaliseSpelling(w))));

function isStopword(token: string, stemmed: string): boolean {
  return stopwords.has(token) || stopStems.has(stemmed);
}

const anyWord = "*";

/** Phrases of the thesaurus by their first stem, longest first. */
const phrasesByFirstStem: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const byKey = new Map<string, Phrase>();
  for (const concept of concepts) {
    for (const term of concept.terms) {
      // "*" stands for any one word: "which * will" reads "which patients will" and "which babies will".
      const stems = term
        .split(/\s+/)
        .flatMap((word) => (word === "*" ? [anyWord] : tokenize(word).map(stemToken)));
      if (stems[0] === anyWord || stems[stems.length - 1] === anyWord) {
        throw new Error(`lexicon term "${term}" starts or ends with "*": put the wildcard between words`);
      }
      // A one-word term that is a stopword ("experiences") would match every profile that uses the word in passing.
      if (stems.length === 0 || (stems.length === 1 && stopStems.has(stems[0]!))) continue;
      const key = stems.join(" ");
      const phrase = byKey.get(key) ?? { stems, conceptIds: [] };
      if (!phrase.conceptIds.includes(concept.id)) phrase.conceptIds.push(concept.id);
      byKey.set(key, phrase);
    }
  }
  const byFirst = new Map<string, Phrase[]>();
  for (const phrase of byKey.values()) {
    const first = phrase.stems[0]!;
    const list = byFirst.get(first) ?? [];
    list.push(phrase);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return byFirst;
})();

const broaderById: ReadonlyMap<string, readonly string[]> = new Map(
  concepts.map((c) => [c.id, c.broader ?? []]),
);

function analyseUncached(text: string): TextUnit[] {
  const tokens = tokenize(text);
  const stems = tokens.map(stemToken);
  const covered = new Array<boolean>(tokens.length).fill(false);
  const segments: number[] = [];
  let segment = 0;
  for (const token of tokens) {
    if (connectors.has(token)) segment++;
    segments.push(segment);
  }

  // One entry per unit and part of the text; a unit written down beats the same unit implied as broader.
  const units = new Map<string, TextUnit>();
  const add = (unit: string, seg: number, broader: boolean) => {
    const k = `${seg} ${unit}`;
    const known = units.get(k);
    if (!known || (known.broader && !broader)) units.set(k, { unit, segment: seg, broader });
  };

  // Thesaurus phrases, longest first: a phrase inside a longer one does not count ("statistical genetics" is
  // genomics, not statistics); a phrase that means two things is listed under both concepts.
  const found: { start: number; end: number; stems: readonly string[]; conceptIds: readonly string[] }[] = [];
  for (let i = 0; i < stems.length; i++) {
    for (const phrase of phrasesByFirstStem.get(stems[i]!) ?? []) {
      const n = phrase.stems.length;
      if (i + n > stems.length) continue;
      let same = true;
      for (let k = 1; k < n && same; k++)
        same = phrase.stems[k] === anyWord || stems[i + k] === phrase.stems[k];
      if (same) found.push({ start: i, end: i + n, stems: phrase.stems, conceptIds: phrase.conceptIds });
    }
  }
  for (const f of found) {
    // A pattern with a wildcard does not hide what its wildcard stands for ("which babies will": babies too).
    const inside = found.some(
      (g) =>
        g !== f &&
        g.start <= f.start &&
        g.end >= f.end &&
        g.end - g.start > f.end - f.start &&
        !g.stems.includes(anyWord),
    );
    if (inside) continue;
    for (let k = f.start; k < f.end; k++) if (f.stems[k - f.start] !== anyWord) covered[k] = true;
    for (const id of f.conceptIds) add(`c:${id}`, segments[f.start]!, false);
  }
  for (let i = 0; i < stems.length; i++) {
    if (covered[i] || isStopword(tokens[i]!, stems[i]!)) continue;
    add(`w:${stems[i]}`, segments[i]!, false);
  }
  for (const unit of [...units.values()]) {
    if (unit.broader || !unit.unit.startsWith("c:")) continue;
    for (const id of broaderById.get(unit.unit.slice(2)) ?? []) add(`c:${id}`, unit.segment, true);
  }
  return [...units.values()];
}

/** Words that say little on their own ("data", "clinical", "outcomes"): a need leans less on them. */
const weakWordList = `data clinical clinic clinician patient outcome model modelling method design evaluation health care
medical medicine disease service treatment population intervention tool review application approval plan program
assessment management measure setting slide ward wards hospital hospitals unit units department trust`;

const weakUnits: ReadonlySet<string> = new Set(
  weakWordList
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `w:${stemToken(w)}`),
);

export function isWeakUnit(unit: string): boolean {
  return weakUnits.has(unit);
}

/** The units of a phrase, in order of appearance, each once per part. The result is shared: do not change it. */
export function analyseText(text: string): readonly TextUnit[] {
  let units = textMemo.get(text);
  if (!units) {
    units = Object.freeze(analyseUncached(text));
    if (textMemo.size >= memoLimit) textMemo.clear();
    textMemo.set(text, units);
  }
  return units;
}

/** A word for a person or a partner asked for: "statistician", "oncologist", "nurses", "a clinical team". */
const personWord =
  /^(?:[a-z]{4,}(?:ists?|ians?)|nurses?|doctors?|surgeons?|clinicians?|economists?|engineers?|developers?|midwi(?:fe|ves)|gps?|physicians?|teams?|partners?|sites?|collaborators?|experts?)$/;

/** Words before a person who is already there, not asked for: "our nurses", "the doctors". */
const ownedBy: ReadonlySet<string> = new Set([
  "our",
  "my",
  "the",
  "their",
  "his",
  "her",
  "these",
  "those",
  "all",
]);

/** The parts of a text (as numbered in `analyseText`) that ask for a person or partner ("a statistician"). */
export function personSegments(text: string): Set<number> {
  const out = new Set<number>();
  let segment = 0;
  let previous = "";
  for (const token of tokenize(text)) {
    if (connectors.has(token)) segment++;
    if (token !== "bayesian" && personWord.test(token) && !ownedBy.has(previous)) out.add(segment);
    previous = token;
  }
  return out;
}
