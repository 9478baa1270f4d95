// An in-memory inverted index of profiles (unit → people) that answers "who could help with this need?" in milliseconds.
import { analyseProfile, isEarlyCareer, mentoringUnit } from "./analyse-profile.ts";
import { analyseText, isWeakUnit, personSegments, type TextUnit } from "./analyse-text.ts";
import { createAscendingWalk } from "./ascending-walk.ts";
import { type ConceptHints, hintConcepts, shippedConceptHints } from "./concept-hints.ts";
import { topicConceptIds } from "./lay-lexicon.ts";
import {
  describeCandidates,
  type NeedTerms,
  type PoolCandidate,
  type RerankModel,
  readNeedTerms,
  rerankScore,
  rerankTerms,
  shippedRerankModel,
  type TermStats,
  unitWeights,
} from "./learnt-rerank.ts";
import { readNeed, readSelfIntroduction, splitAsk } from "./read-need.ts";
import { combineScore, maxBonus } from "./score-candidate.ts";
import { spreadRerank } from "./spread-rerank.ts";
import type { MatchProfile, PublicationTopic, Suggestion, SuggestOptions } from "./types.ts";
import { writeReason } from "./write-reason.ts";

export interface MatchIndex {
  /** Adds a profile, or replaces the one with the same id (and does nothing when that one is the same). */
  upsert(profile: MatchProfile): void;
  /** Takes a profile out; false when there was none with this id. */
  remove(id: string): boolean;
  readonly size: number;
  /** Up to `limit` (5) people for this need, best first, each with a one-line reason. */
  suggest(requester: MatchProfile, need: string, options: SuggestOptions): Suggestion[];
  /**
   * The candidates the learnt re-ranker would order for this need, with their features, and how many the answer
   * shows: what scripts/train-match-rerank.ts learns from. Empty when the answer would be empty.
   */
  rerankCandidates(requester: MatchProfile, need: string, options: SuggestOptions): RerankCandidates;
  /** The profile held under this id, rebuilt from the index's compact form. */
  get(id: string): MatchProfile | undefined;
  /** The ids held, in no particular order. */
  ids(): IterableIterator<string>;
  /** The active partnerships held for this id (cheaper than `get`). */
  partners(id: string): { active: number; partnerIds: readonly string[] } | undefined;
  /** Gives back the spare room of grown arrays, e.g. after loading everyone. */
  shrink(): void;
}

/** How much each unit of the need counts, besides its rarity. */
const needWeights = {
  /**
   * The share of relevance that the first part of a need carries when the need has more parts: "biostatistician"
   * in "biostatistician for a breast cancer cohort study" is the ask, the rest its context.
   */
  askShare: 0.7,
  /** Generic words ("data", "outcomes", "clinical"). */
  weak: 0.3,
  /** Broader concepts implied by the need ("survival analysis" implies biostatistics). */
  broader: 0.35,
  /** What the requester already has themselves is less what they are looking for. */
  requesterHas: 0.5,
  /** A clinical area or setting named beside an asked method ("statistics … for our heart failure clinic"). */
  topicBesideMethod: 0.2,
  /** A word of the need that no profile has, at this share of the rarest word's weight. */
  unknown: 0.4,
} as const;

/**
 * The need is also read flat, every word of it at its rarity, the way plain BM25 reads it: a hedge against a wrong
 * reading of which part is the ask, or of what the requester already has. Relevance is this share of the flat
 * reading plus the rest of the careful one; each reading's weights sum to 1.
 */
const fusion = {
  flatShare: 0.5,
  /** A broader concept implied by the need counts this much in the flat reading. */
  flatBroader: 0.35,
  /** BM25's b: how much a profile longer than the average has each of its units count for less. */
  lengthNorm: 0.25,
  /** A candidate whose relevance is below this share of the best candidate's is not worth a colleague's time. */
  relevanceFloor: 0.8,
  /** A need's opening ("Trial-based economist looking for …") is what the requester brings when their profile has this share of it. */
  selfShare: 0.5,
  /** In a mentoring ask that names more than mentoring, being a mentor counts this much of its rarity. */
  mentorBase: 0.3,
} as const;

/**
 * A concept the need's words only hint at (concept-hints.ts): how strong the hint must be, how many are read, and how
 * much each counts of its rarity. Chosen leave-one-set-out with `npm run bench:match-rerank` (re-ranker retrained
 * each time): a minimum of 4 gave +0.044 on the training sets against +0.032 without hints, and left the fixture and
 * tuning sets where they were (0 / −0.012 / −0.007 / +0.008); 3 gave +0.051 but cost the fixture 0.030 and tuning-2
 * 0.042; 5 gave +0.039; a weight of 1 instead of 0.5 cost the fixture 0.030.
 */
const hinting = { minScore: 4, most: 2, weight: 0.5 } as const;

/**
 * Below this relevance the best candidate covers too little of the need to be a match: the answer says "no strong
 * match" and shows the closest people. Below `nothingMeaningful`, nobody is shown at all.
 */
export const strongRelevance = 0.3;
const nothingMeaningful = 0.1;
/** Without a concept in common, the best candidate's words must cover this much of the need to be shown at all. */
const wordsOnlyCover = 0.6;
/** Taken off, scaled by how much of what the requester says they already have the candidate also has. */
const complementPenalty = 0.15;
/** A requester's field weight from which they are taken to "have" a unit (methods and above). */
const hasWeight = 0.65;
/**
 * How many of the closest candidates the learnt re-ranker reads. Measured with `npm run bench:match-rerank`: 12
 * instead of 20 saves about 0.5 ms a query at 100,000 profiles but lowers the leave-one-set-out gain from +0.032 to
 * +0.028 (tuning set 3 −0.033 instead of −0.018), so it stays at 20.
 */
const rerankPool = 20;
/** Relevance is at most 1 plus the role bonus; it is kept to 2^-29 steps so ordering never depends on float noise. */
const relevanceMax = 2;
const relevanceSteps = 2 ** 30;
const slotSpan = 2 ** 21;

export interface RerankCandidates {
  shown: number;
  candidates: { id: string; features: ReturnType<typeof describeCandidates>[number] }[];
}

interface Scored {
  slot: number;
  id: string;
  score: number;
  relevance: number;
  institutionKey: string;
  self: Int32Array;
}

function key(text: string | null | undefined): string {
  return (text ?? "").trim().toLowerCase().replace(/\s+/g, " ");
}

function byScoreThenId(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Column =
  | Int32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>;

/** The array itself when it holds `size`, else a copy at least twice as long. */
function grown<T extends Column>(array: T, size: number, make: (length: number) => T): T {
  if (array.length >= size) return array;
  const bigger = make(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

const grownInt32 = (array: Int32Array<ArrayBuffer>, size: number) =>
  grown(array, size, (length) => new Int32Array(length));

/** Slot flags. */
const EARLY = 1;
const OPTED_OUT = 2;
const MENTORING = 4;
/** The email is already in the form `key` gives it (trimmed, lower case), so the ranker compares it as it is. */
const EMAIL_KEYED = 8;
/** What a candidate met of the need, in the ranker's accumulation: a unit that says something, in the ask. */
const MET_MEANS = 1;
const MET_ASK = 2;
/** A unit the requester has in their expertise or role (sameness), and one they know (reciprocity). */
const REQ_SELF = 1;
const REQ_KNOWS = 2;
/** A text record in the arena: institution, department, role, career stage, then the four list lengths. */
const TEXT_HEAD = 9;
/**
 * A publication topic in the arena: its term (a text); papers × 1024 + weight in thousandths; first year × 65536 +
 * last year. Three numbers rather than five: with 12 topics a person they were over half of the arena.
 */
const TOPIC_INTS = 3;
const TOPIC_PAPERS_MAX = 0x1fffff;
const TOPIC_YEAR_MAX = 0x7fff;
const clampInt = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value)));
const noIds: readonly string[] = Object.freeze([]);
/** Up to this length (32 MB) `shrink` trims the arena's spare room; past it, that room takes no memory. */
const ARENA_TRIMMED_MAX = 1 << 23;

export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Whether indexing `b` instead of `a` would change nothing (missing and null fields are the same). */
function sameProfile(a: MatchProfile, b: MatchProfile): boolean {
  return (
    a.id === b.id &&
    a.email === b.email &&
    a.name === b.name &&
    a.institution === b.institution &&
    (a.department ?? null) === (b.department ?? null) &&
    (a.role ?? null) === (b.role ?? null) &&
    (a.careerStage ?? null) === (b.careerStage ?? null) &&
    a.optedOut === b.optedOut &&
    (a.openToMentoring === true) === (b.openToMentoring === true) &&
    (a.pausedUntil?.getTime() ?? null) === (b.pausedUntil?.getTime() ?? null) &&
    a.activePartnerships === b.activePartnerships &&
    sameStrings(a.expertise, b.expertise) &&
    sameStrings(a.methods, b.methods) &&
    sameStrings(a.offers, b.offers) &&
    sameStrings(a.needs, b.needs) &&
    sameStrings(a.conflictsWith, b.conflictsWith) &&
    sameStrings(a.partnerIds, b.partnerIds) &&
    sameTopics(a.topics ?? [], b.topics ?? [])
  );
}

function sameTopics(a: readonly PublicationTopic[], b: readonly PublicationTopic[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const o = b[i]!;
      return (
        t.term === o.term &&
        t.papers === o.papers &&
        t.from === o.from &&
        t.to === o.to &&
        Math.round(t.weight * 1000) === Math.round(o.weight * 1000)
      );
    })
  );
}

export interface MatchIndexOptions {
  /**
   * Scores every candidate the need touches, without the bounds that let the ranker skip those who cannot enter
   * its pool: the straightforward ranking the fast one must equal (for tests).
   */
  exhaustive?: boolean;
  /**
   * How many candidates the ranker keeps before it spreads them out (by default four times the limit, at least 20).
   * Tests keep as many as they show, so that a candidate wrongly skipped would change the answer.
   */
  poolSize?: number;
  /**
   * The learnt re-ranker (see learnt-rerank.ts): the shipped model when not given, none when null. It reorders the
   * engine's closest candidates and shows as many as the engine alone would.
   */
  rerank?: RerankModel | null;
  /** Concepts the need's words hint at (see concept-hints.ts): the shipped hints when not given, none when null. */
  hints?: ConceptHints | null;
}

export function createMatchIndex(
  profiles: readonly MatchProfile[] = [],
  indexOptions: MatchIndexOptions = {},
): MatchIndex {
  const exhaustive = indexOptions.exhaustive === true;
  const rerank = indexOptions.rerank === undefined ? shippedRerankModel() : indexOptions.rerank;
  const hints = indexOptions.hints === undefined ? shippedConceptHints() : indexOptions.hints;
  // The re-ranker's BM25 reads a word's rarity off the index's own posting list for it (the same stems).
  const termStats: TermStats = {
    get documents() {
      return live;
    },
    df: (term) => postLength[unitIds.get(`w:${term}`) ?? -1] ?? 0,
  };

  // Units (concepts and word stems) by number, with their posting lists: which slots have them, and how strongly.
  const unitIds = new Map<string, number>();
  const unitNames: string[] = [];
  const postDocs: Int32Array[] = [];
  const postWeights: Float32Array[] = [];
  const postLength: number[] = [];

  // Profiles by slot, kept as parallel arrays rather than an object each: at 100,000 profiles the objects, their
  // lists and their dates cost three times what the index itself does. Texts are held once, by number.
  const slotIds: (string | undefined)[] = [];
  const slotEmails: string[] = [];
  const slotNames: string[] = [];
  const slotPartners: (readonly string[] | undefined)[] = [];
  const slotConflicts: (readonly string[] | undefined)[] = [];
  const slotById = new Map<string, number>();
  const freeSlots: number[] = [];
  let slotInstitution = new Int32Array(1024);
  let slotDepartment = new Int32Array(1024);
  let slotFlags = new Uint8Array(1024);
  let slotPausedUntil = new Float64Array(1024);
  let slotActive = new Int32Array(1024);
  /**
   * Where the slot's record starts in the arena: unit ids (expertise and role, then needs, then every posted
   * unit), then its texts (TEXT_HEAD numbers, then the expertise, methods, offers and needs entries).
   */
  let slotStart = new Int32Array(1024);
  let slotSelfLength = new Int32Array(1024);
  let slotNeedsLength = new Int32Array(1024);
  let slotPostedLength = new Int32Array(1024);
  let slotTextLength = new Int32Array(1024);
  /** How many units the profile names (see `analyseProfile`), for length normalisation; and the live total. */
  let slotUnits = new Float32Array(1024);
  let unitsTotal = 0;
  const textIds = new Map<string, number>();
  const texts: string[] = [];
  let arena = new Int32Array(1 << 16);
  let arenaUsed = 0;
  let arenaDead = 0;

  // Institutions and departments by number ("" is 0), and how many people each institution has.
  const placeIds = new Map<string, number>([["", 0]]);
  const placeNames: string[] = [""];
  const institutionCounts: number[] = [0];
  let institutionsInUse = 0;
  let live = 0;
  // The ranker's scratch, reused by every query (one runs at a time) rather than allocated per query.
  let acc = new Float64Array(1024);
  let touched = new Int32Array(1024);
  /**
   * MET_MEANS for a slot that met a unit of the need that says something (not a generic word, not only implied),
   * and MET_ASK too when that unit is in the part that is asked for.
   */
  let met = new Uint8Array(1024);
  /** The touched slots' packed sort keys (see the ranker). */
  let keyScratch = new Float64Array(1024);
  /**
   * Per unit, for the query under way: its idf, what the requester has of it (REQ_ bits) and its weight among what
   * the requester says they bring. Valid where `unitStamp` is the query's number, so nothing needs clearing.
   */
  let unitStamp = new Int32Array(256);
  let unitBits = new Uint8Array(256);
  let unitIdf = new Float64Array(256);
  let unitAvoid = new Float64Array(256);
  let queryNumber = 0;

  function internUnit(unit: string): number {
    let id = unitIds.get(unit);
    if (id === undefined) {
      id = postLength.length;
      unitIds.set(unit, id);
      unitNames.push(unit);
      postDocs.push(new Int32Array(2));
      postWeights.push(new Float32Array(2));
      postLength.push(0);
      if (id >= unitStamp.length) {
        const size = unitStamp.length * 2;
        unitStamp = grownInt32(unitStamp, size);
        unitBits = grown(unitBits, size, (length) => new Uint8Array(length));
        unitIdf = grown(unitIdf, size, (length) => new Float64Array(length));
        unitAvoid = grown(unitAvoid, size, (length) => new Float64Array(length));
      }
    }
    return id;
  }

  /** Makes the unit's scratch valid for the query under way: its idf, and nothing of the requester's yet. */
  function prime(unit: number): void {
    if (unitStamp[unit] === queryNumber) return;
    unitStamp[unit] = queryNumber;
    unitBits[unit] = 0;
    unitAvoid[unit] = 0;
    unitIdf[unit] = idf(unit);
  }

  function internText(text: string | null | undefined): number {
    if (text == null) return -1;
    let id = textIds.get(text);
    if (id === undefined) {
      id = texts.length;
      textIds.set(text, id);
      texts.push(text);
    }
    return id;
  }

  function internPlace(name: string | null | undefined): number {
    const k = key(name);
    let id = placeIds.get(k);
    if (id === undefined) {
      id = placeNames.length;
      placeIds.set(k, id);
      placeNames.push(k);
      institutionCounts.push(0);
    }
    return id;
  }

  function post(unit: number, slot: number, weight: number): void {
    const n = postLength[unit]!;
    if (n === postDocs[unit]!.length) {
      const bigger = new Int32Array(Math.max(2, n * 2));
      bigger.set(postDocs[unit]!);
      postDocs[unit] = bigger;
      const biggerWeights = new Float32Array(Math.max(2, n * 2));
      biggerWeights.set(postWeights[unit]!);
      postWeights[unit] = biggerWeights;
    }
    postDocs[unit]![n] = slot;
    postWeights[unit]![n] = weight;
    postLength[unit] = n + 1;
  }

  function unpost(unit: number, slot: number): void {
    const list = postDocs[unit]!;
    const weights = postWeights[unit]!;
    const last = postLength[unit]! - 1;
    for (let i = 0; i <= last; i++) {
      if (list[i] !== slot) continue;
      list[i] = list[last]!;
      weights[i] = weights[last]!;
      postLength[unit] = last;
      return;
    }
  }

  function idf(unit: number): number {
    return Math.log(1 + live / Math.max(1, postLength[unit] ?? 0));
  }

  function slotLength(slot: number): number {
    return slotSelfLength[slot]! + slotNeedsLength[slot]! + slotPostedLength[slot]! + slotTextLength[slot]!;
  }

  function textStart(slot: number): number {
    return slotStart[slot]! + slotSelfLength[slot]! + slotNeedsLength[slot]! + slotPostedLength[slot]!;
  }

  /** The slot's profile as it was given (lists as copies, texts as held). */
  function profileAt(slot: number): MatchProfile {
    let at = textStart(slot);
    const text = (id: number) => (id < 0 ? null : texts[id]!);
    const head = arena.subarray(at, at + TEXT_HEAD);
    at += TEXT_HEAD;
    const list = (length: number) => {
      const items = Array.from(arena.subarray(at, at + length), (id) => texts[id]!);
      at += length;
      return items;
    };
    const expertise = list(head[4]!);
    const methods = list(head[5]!);
    const offers = list(head[6]!);
    const needs = list(head[7]!);
    const topics: PublicationTopic[] = [];
    for (let i = 0; i < head[8]!; i++, at += TOPIC_INTS) {
      const counts = arena[at + 1]!;
      const years = arena[at + 2]!;
      topics.push({
        term: texts[arena[at]!]!,
        papers: counts >>> 10,
        from: years >>> 16,
        to: years & 0xffff,
        weight: (counts & 0x3ff) / 1000,
      });
    }
    const flags = slotFlags[slot]!;
    const paused = slotPausedUntil[slot]!;
    return {
      id: slotIds[slot]!,
      email: slotEmails[slot]!,
      name: slotNames[slot]!,
      institution: text(head[0]!) ?? "",
      department: text(head[1]!),
      role: text(head[2]!),
      careerStage: text(head[3]!),
      expertise,
      methods,
      offers,
      needs,
      ...(topics.length > 0 ? { topics } : {}),
      conflictsWith: [...(slotConflicts[slot] ?? noIds)],
      optedOut: (flags & OPTED_OUT) !== 0,
      pausedUntil: Number.isNaN(paused) ? null : new Date(paused),
      activePartnerships: slotActive[slot]!,
      partnerIds: [...(slotPartners[slot] ?? noIds)],
      openToMentoring: (flags & MENTORING) !== 0,
    };
  }

  /** Moves the live slots' units to a fresh arena once more than half of it belongs to removed profiles. */
  function compactArena(): void {
    const fresh = new Int32Array(Math.max(1 << 16, (arenaUsed - arenaDead) * 2));
    let used = 0;
    for (let slot = 0; slot < slotIds.length; slot++) {
      if (slotIds[slot] === undefined) continue;
      const start = slotStart[slot]!;
      const length = slotLength(slot);
      fresh.set(arena.subarray(start, start + length), used);
      slotStart[slot] = used;
      used += length;
    }
    arena = fresh;
    arenaUsed = used;
    arenaDead = 0;
  }

  function remove(id: string): boolean {
    const slot = slotById.get(id);
    if (slot === undefined) return false;
    const postedFrom = slotStart[slot]! + slotSelfLength[slot]! + slotNeedsLength[slot]!;
    for (let i = postedFrom; i < postedFrom + slotPostedLength[slot]!; i++) unpost(arena[i]!, slot);
    const institution = slotInstitution[slot]!;
    institutionCounts[institution]!--;
    if (institutionCounts[institution] === 0) institutionsInUse--;
    arenaDead += slotLength(slot);
    unitsTotal -= slotUnits[slot]!;
    slotIds[slot] = undefined;
    slotEmails[slot] = "";
    slotNames[slot] = "";
    slotPartners[slot] = undefined;
    slotConflicts[slot] = undefined;
    slotById.delete(id);
    freeSlots.push(slot);
    live--;
    if (arenaDead > 1 << 15 && arenaDead * 2 > arenaUsed) compactArena();
    return true;
  }

  function upsert(profile: MatchProfile): void {
    const held = slotById.get(profile.id);
    if (held !== undefined && sameProfile(profileAt(held), profile)) return;
    remove(profile.id);
    const units = analyseProfile(profile);
    const slot = freeSlots.pop() ?? slotIds.length;
    if (slot >= slotSpan) throw new Error(`the match index holds at most ${slotSpan} profiles`);
    if (slot >= slotStart.length) {
      const size = slotStart.length * 2;
      slotInstitution = grownInt32(slotInstitution, size);
      slotDepartment = grownInt32(slotDepartment, size);
      slotStart = grownInt32(slotStart, size);
      slotSelfLength = grownInt32(slotSelfLength, size);
      slotNeedsLength = grownInt32(slotNeedsLength, size);
      slotPostedLength = grownInt32(slotPostedLength, size);
      slotTextLength = grownInt32(slotTextLength, size);
      slotUnits = grown(slotUnits, size, (length) => new Float32Array(length));
      slotActive = grownInt32(slotActive, size);
      slotFlags = grown(slotFlags, size, (length) => new Uint8Array(length));
      slotPausedUntil = grown(slotPausedUntil, size, (length) => new Float64Array(length));
      acc = new Float64Array(size);
      touched = new Int32Array(size);
      met = new Uint8Array(size);
      keyScratch = new Float64Array(size);
    }

    const lists = [profile.expertise, profile.methods, profile.offers, profile.needs];
    const topics = profile.topics ?? [];
    const textLength =
      TEXT_HEAD + lists.reduce((sum, items) => sum + items.length, 0) + topics.length * TOPIC_INTS;
    const length = units.self.length + units.needs.length + units.about.size + textLength;
    arena = grownInt32(arena, arenaUsed + length);
    let at = arenaUsed;
    slotStart[slot] = at;
    for (const u of units.self) arena[at++] = internUnit(u);
    for (const u of units.needs) arena[at++] = internUnit(u);
    for (const [u, weight] of units.posted) {
      const unit = internUnit(u);
      arena[at++] = unit;
      post(unit, slot, weight);
    }
    arena[at++] = internText(profile.institution);
    arena[at++] = internText(profile.department);
    arena[at++] = internText(profile.role);
    arena[at++] = internText(profile.careerStage);
    for (const items of lists) arena[at++] = items.length;
    arena[at++] = topics.length;
    for (const items of lists) for (const item of items) arena[at++] = internText(item);
    for (const topic of topics) {
      arena[at++] = internText(topic.term);
      arena[at++] = clampInt(topic.papers, TOPIC_PAPERS_MAX) * 1024 + clampInt(topic.weight * 1000, 1000);
      arena[at++] = clampInt(topic.from, TOPIC_YEAR_MAX) * 0x10000 + clampInt(topic.to, TOPIC_YEAR_MAX);
    }
    arenaUsed = at;
    slotSelfLength[slot] = units.self.length;
    slotNeedsLength[slot] = units.needs.length;
    slotPostedLength[slot] = units.about.size;
    slotTextLength[slot] = textLength;
    slotUnits[slot] = units.length;
    unitsTotal += units.length;

    const institution = internPlace(profile.institution);
    if (institutionCounts[institution] === 0) institutionsInUse++;
    institutionCounts[institution]!++;
    slotInstitution[slot] = institution;
    slotDepartment[slot] = internPlace(profile.department);
    slotFlags[slot] =
      (isEarlyCareer(profile) ? EARLY : 0) |
      (profile.optedOut ? OPTED_OUT : 0) |
      (profile.openToMentoring === true ? MENTORING : 0) |
      (key(profile.email) === profile.email ? EMAIL_KEYED : 0);
    slotPausedUntil[slot] = profile.pausedUntil ? profile.pausedUntil.getTime() : Number.NaN;
    slotActive[slot] = profile.activePartnerships;
    slotIds[slot] = profile.id;
    slotEmails[slot] = profile.email;
    slotNames[slot] = profile.name;
    slotPartners[slot] = profile.partnerIds.length > 0 ? [...profile.partnerIds] : undefined;
    slotConflicts[slot] = profile.conflictsWith.length > 0 ? [...profile.conflictsWith] : undefined;
    slotById.set(profile.id, slot);
    live++;
  }

  function suggest(requester: MatchProfile, need: string, options: SuggestOptions): Suggestion[] {
    const ranked = rank(requester, need, options, false);
    if (ranked === null) return [];
    if (ranked.candidates === null) return ranked.engine;
    const weights = unitWeights(ranked.model, ranked.needTerms);
    const scores = ranked.candidates.map((c) => rerankScore(ranked.model, c.features, weights));
    const order = ranked.candidates.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return order.slice(0, ranked.engine.length).map((i) => ({
      ...ranked.explain(i),
      // A score that orders as the re-ranker does, between 0 and 1, for callers that move people by score.
      score: Math.min(1 - 1e-9, Math.max(1e-9, 1 / (1 + Math.exp(-scores[i]!)))),
    }));
  }

  function rerankCandidates(
    requester: MatchProfile,
    need: string,
    options: SuggestOptions,
  ): RerankCandidates {
    const ranked = rank(requester, need, options, true);
    if (ranked === null || ranked.candidates === null)
      return { shown: ranked?.engine.length ?? 0, candidates: [] };
    return { shown: ranked.engine.length, candidates: ranked.candidates };
  }

  type Ranked =
    | { engine: Suggestion[]; candidates: null }
    | {
        engine: Suggestion[];
        candidates: RerankCandidates["candidates"];
        explain: (candidate: number) => Suggestion;
        model: RerankModel;
        needTerms: NeedTerms;
      };

  /**
   * The engine's answer, and with a re-ranker (or `features`, for training) its closest candidates described for it;
   * null when there is nobody to show.
   */
  function rank(
    requester: MatchProfile,
    need: string,
    options: SuggestOptions,
    features: boolean,
  ): Ranked | null {
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const model = rerank ?? (features ? { dense: [], cross: new Map<string, number>() } : null);
    // With a re-ranker the walk goes past the engine's cut-off: those just below it may be the ones who fit.
    const floor = model ? 0 : fusion.relevanceFloor;
    const req = analyseProfile(requester);
    // "I build X … I need Y": rank on Y. What the requester says they bring and their own profile confirms counts
    // against people who bring the same; what they say they have that is not theirs (the data, the questionnaire)
    // stays as the context of the need.
    const knownUnit = (unit: string) => (postLength[unitIds.get(unit) ?? -1] ?? 0) > 0;
    const asksSomething = (units: readonly TextUnit[]) =>
      units.some((u) => !u.broader && !isWeakUnit(u.unit) && knownUnit(u.unit));
    /** The ask's units, then the context's after them (the ask is read first; see `firstSegment`). */
    const askThenContext = (ask: readonly TextUnit[], context: readonly TextUnit[]) => {
      const asked = new Set(ask.map((u) => u.unit));
      const after = 1 + Math.max(0, ...ask.map((u) => u.segment));
      return [
        ...ask,
        ...context.filter((u) => !asked.has(u.unit)).map((u) => ({ ...u, segment: after + u.segment })),
      ];
    };
    let reading = readNeed(need);
    // "Biostatistician with trial experience looking for a neonatal team": when the opening names what the
    // requester's own profile says they are or do, it is what they bring, and the rest is the ask.
    const intro = reading.has === null ? readSelfIntroduction(need) : null;
    if (intro !== null) {
      let own = 0;
      let all = 0;
      for (const u of analyseText(intro.has!)) {
        if (u.broader || isWeakUnit(u.unit) || !knownUnit(u.unit)) continue;
        const w = idf(unitIds.get(u.unit)!);
        all += w;
        if ((req.about.get(u.unit) ?? 0) > 0) own += w;
      }
      if (all > 0 && own >= fusion.selfShare * all) reading = intro;
    }
    let askText = need;
    let context: readonly TextUnit[] = [];
    let hasUnits: readonly TextUnit[] = [];
    // When the words after "I have …" name nothing anyone has ("… but it just sits there"), the need is the whole
    // text, less what the requester says they bring and their profile confirms.
    let bringsOwn: ReadonlySet<string> = new Set();
    if (reading.has !== null) {
      hasUnits = analyseText(reading.has);
      if (asksSomething(analyseText(reading.ask))) {
        askText = reading.ask;
        context = hasUnits.filter((u) => (req.about.get(u.unit) ?? 0) === 0);
      } else {
        bringsOwn = new Set(hasUnits.filter((u) => (req.about.get(u.unit) ?? 0) > 0).map((u) => u.unit));
      }
    }
    // "On our ward we see many falls at night. Is there anyone who could …": the ask starts at "anyone".
    const split = splitAsk(askText);
    let needUnits: readonly TextUnit[] = analyseText(askText);
    let askPiece = askText;
    if (split.before !== "" && asksSomething(analyseText(split.ask))) {
      needUnits = askThenContext(analyseText(split.ask), analyseText(split.before));
      askPiece = split.ask;
    }
    const askPieceEnd = Math.max(0, ...analyseText(askPiece).map((u) => u.segment));
    if (context.length > 0) needUnits = askThenContext(needUnits, context);
    const rest = needUnits.filter((u) => !bringsOwn.has(u.unit));
    if (bringsOwn.size > 0 && asksSomething(rest)) needUnits = rest;
    const direct = needUnits.filter((u) => !u.broader);
    if (limit === 0 || direct.length === 0 || live === 0) return null;
    const askedUnits = new Set(needUnits.map((u) => u.unit));
    const avoid = new Map<number, number>();
    let avoidTotal = 0;
    for (const u of hasUnits) {
      const id = unitIds.get(u.unit);
      if (u.broader || askedUnits.has(u.unit) || id === undefined || avoid.has(id) || isWeakUnit(u.unit))
        continue;
      avoid.set(id, idf(id));
      avoidTotal += idf(id);
    }
    const asksMentor = direct.some((u) => u.unit === mentoringUnit);
    // The ask is the first part that names a concept someone has ("hoping to find | a statistician | for …"), or
    // failing that any word someone has: "on our ward | anyone who could use cameras" asks for the cameras. When that
    // part names a clinical area but no person ("young people | with diabetes stop using their pumps and we don't
    // understand why"), the first part naming a method is the ask.
    const isTopic = (unit: string) => unit.startsWith("c:") && topicConceptIds.has(unit.slice(2));
    const known = direct.filter((u) => knownUnit(u.unit) && !isWeakUnit(u.unit));
    const knownConcepts = known.filter((u) => u.unit.startsWith("c:"));
    let firstSegment = Math.min(
      ...(knownConcepts.length > 0 ? knownConcepts : known.length > 0 ? known : direct).map((u) => u.segment),
    );
    const methods = knownConcepts.filter(
      (u) => !isTopic(u.unit) && u.unit !== mentoringUnit && u.segment <= askPieceEnd,
    );
    if (
      methods.length > 0 &&
      !methods.some((u) => u.segment === firstSegment) &&
      !personSegments(askPiece).has(firstSegment)
    ) {
      firstSegment = Math.min(...methods.map((u) => u.segment));
    }
    const asksInParts = direct.some((u) => u.segment !== firstSegment);
    const asksMethod = known.some(
      (u) => (!asksInParts || u.segment === firstSegment) && u.unit.startsWith("c:") && !isTopic(u.unit),
    );

    const reqEmail = key(requester.email);
    const reqInstitution = placeIds.get(key(requester.institution)) ?? -1;
    const reqDepartment =
      key(requester.department) === "" ? 0 : (placeIds.get(key(requester.department)) ?? -1);
    const reqConflicts = new Set(requester.conflictsWith.map((e) => key(e)));
    const reqPartners = new Set(requester.partnerIds);
    const reqEarly = isEarlyCareer(requester);
    const reqSelf = new Set<number>();
    for (const u of req.self) reqSelf.add(unitIds.get(u) ?? -1);
    const reqSelfCount = req.self.length;
    const reqKnowsUnits = new Set(req.knows);
    const reqKnows = new Set<number>();
    for (const u of req.knows) {
      const id = unitIds.get(u);
      if (id !== undefined) reqKnows.add(id);
    }

    // The need as weighted units: rare units count more; the ask and its context each carry a fixed share.
    const queryUnits: number[] = [];
    const queryWeights: number[] = [];
    const queryIsAsk: boolean[] = [];
    const queryMeans: boolean[] = [];
    let askKnown = false;
    /** Words of the ask that no profile has: they do not reorder anyone, but they make any match less strong. */
    let unknownSum = 0;
    let unknownBefore = 0;
    let askSum = 0;
    let contextSum = 0;
    for (const u of needUnits) {
      // Only mentors are shown for a mentoring ask, so among them what counts is the rest of the need ("… in AI");
      // being a mentor still counts a little, so that a mentor who shares none of its words can be shown.
      const mentorOnly =
        asksMentor &&
        u.unit === mentoringUnit &&
        direct.some((d) => d.unit !== mentoringUnit && knownUnit(d.unit));
      const unit = unitIds.get(u.unit);
      const isAsk = !asksInParts || u.segment === firstSegment;
      if (unit === undefined || postLength[unit] === 0) {
        // A word nobody has still belongs to the need: it lowers how much of the need anyone covers.
        if (u.broader || isWeakUnit(u.unit)) continue;
        // Words before the first part anyone has were the ask as written ("coral reef ecology | for a cohort").
        if (isAsk || u.segment < firstSegment) unknownSum += needWeights.unknown * Math.log(1 + live);
        if (u.segment < firstSegment) unknownBefore++;
        continue;
      }
      let q = idf(unit);
      if (u.broader) q *= needWeights.broader;
      if (isWeakUnit(u.unit)) q *= needWeights.weak;
      if (mentorOnly) q *= fusion.mentorBase;
      if (asksMethod && isTopic(u.unit)) q *= needWeights.topicBesideMethod;
      if ((req.about.get(u.unit) ?? 0) >= hasWeight) q *= needWeights.requesterHas;
      if (isAsk) askSum += q;
      else contextSum += q;
      const means = !u.broader && !isWeakUnit(u.unit);
      if (means && isAsk) askKnown = true;
      queryMeans.push(means);
      queryUnits.push(unit);
      queryWeights.push(q);
      queryIsAsk.push(isAsk);
    }
    // Concepts the need's everyday words hint at, which it does not name: read as part of the ask, at a low weight
    // (so the ask's own words keep a little less of its share beside the context).
    // Not for a mentoring ask, answered among mentors on the topic it names (leave-one-set-out +0.046 without its
    // hints against +0.044 with them).
    const hinted: string[] = [];
    if (hints && !asksMentor) {
      const named = new Set(needUnits.map((u) => u.unit));
      // Only concepts someone holds are hinted (`knownUnit`), so each has a posting list.
      for (const h of hintConcepts(hints, rerankTerms(askText), named, hinting, knownUnit)) {
        const unit = unitIds.get(h.unit)!;
        const q = idf(unit) * hinting.weight;
        askSum += q;
        hinted.push(h.unit);
        queryMeans.push(true);
        queryUnits.push(unit);
        queryWeights.push(q);
        queryIsAsk.push(true);
      }
    }
    if (askSum + contextSum === 0) return null;
    const askScale = askSum === 0 ? 0 : contextSum === 0 ? 1 / askSum : needWeights.askShare / askSum;
    const contextScale =
      contextSum === 0 ? 0 : askSum === 0 ? 1 / contextSum : (1 - needWeights.askShare) / contextSum;
    const careful = 1 - fusion.flatShare;
    for (let j = 0; j < queryUnits.length; j++) {
      queryWeights[j] = careful * queryWeights[j]! * (queryIsAsk[j] ? askScale : contextScale);
    }
    // The flat reading: every unit of the whole need as written, at its rarity, once; less what the requester says
    // they bring and their own profile confirms ("I build deep learning models …" does not ask for more of them).
    const flat = new Map<number, number>();
    let flatSum = 0;
    const brought = new Set(hasUnits.filter((u) => (req.about.get(u.unit) ?? 0) > 0).map((u) => u.unit));
    for (const u of analyseText(need)) {
      const unit = unitIds.get(u.unit);
      if (unit === undefined || postLength[unit] === 0 || (flat.has(unit) && u.broader)) continue;
      if (brought.has(u.unit)) continue;
      let f = idf(unit) * (u.broader ? fusion.flatBroader : 1);
      if ((req.about.get(u.unit) ?? 0) >= hasWeight) f *= needWeights.requesterHas;
      flatSum += f - (flat.get(unit) ?? 0);
      flat.set(unit, f);
    }
    if (flatSum > 0) {
      const at = new Map<number, number>();
      for (let j = 0; j < queryUnits.length; j++) if (!at.has(queryUnits[j]!)) at.set(queryUnits[j]!, j);
      for (const [unit, f] of flat) {
        const w = (fusion.flatShare * f) / flatSum;
        const j = at.get(unit);
        if (j !== undefined) queryWeights[j]! += w;
        else {
          queryUnits.push(unit);
          queryWeights.push(w);
          queryIsAsk.push(false);
          queryMeans.push(false);
        }
      }
    }

    // What the requester has and brings, by unit, for the candidates' reciprocity, sameness and likeness below.
    if (queryNumber === 0x7fffffff) {
      unitStamp.fill(0);
      queryNumber = 0;
    }
    queryNumber++;
    for (const unit of reqSelf) {
      if (unit < 0) continue;
      prime(unit);
      unitBits[unit]! |= REQ_SELF;
    }
    for (const unit of reqKnows) {
      prime(unit);
      unitBits[unit]! |= REQ_KNOWS;
    }
    for (const [unit, weight] of avoid) {
      prime(unit);
      unitAvoid[unit] = weight;
    }

    // After the last unit that says something, the rest (implied broader concepts, generic words) only add to people
    // already met: someone they alone would meet is never suggested. The sums keep their order, so stay exact.
    let lastMeaning = -1;
    for (let j = 0; j < queryUnits.length; j++) if (queryMeans[j]) lastMeaning = j;
    let touchedCount = 0;
    for (let j = 0; j < queryUnits.length; j++) {
      const unit = queryUnits[j]!;
      const q = queryWeights[j]!;
      const list = postDocs[unit]!;
      const weights = postWeights[unit]!;
      const n = postLength[unit]!;
      const bits = queryMeans[j]! ? (queryIsAsk[j] ? MET_MEANS | MET_ASK : MET_MEANS) : 0;
      if (j > lastMeaning && !exhaustive) {
        for (let i = 0; i < n; i++) {
          const slot = list[i]!;
          if (acc[slot] !== 0) acc[slot]! += q * weights[i]!;
        }
      } else if (bits === 0) {
        for (let i = 0; i < n; i++) {
          const slot = list[i]!;
          if (acc[slot] === 0) touched[touchedCount++] = slot;
          acc[slot]! += q * weights[i]!;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const slot = list[i]!;
          if (acc[slot] === 0) touched[touchedCount++] = slot;
          acc[slot]! += q * weights[i]!;
          met[slot]! |= bits;
        }
      }
    }

    // Order the candidates by relevance (clearing the accumulator on the way), then walk them from the most
    // relevant down and stop when no one left could enter the pool.
    // People who meet what is asked come first; those who meet only its context ("… for a cohort in Leeds") come
    // after them, and only when nobody who may be suggested meets the ask.
    const meanUnits = unitsTotal / Math.max(1, live);
    let keyCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const norm =
        meanUnits > 0 ? 1 / (1 - fusion.lengthNorm + (fusion.lengthNorm * slotUnits[slot]!) / meanUnits) : 1;
      const steps = Math.floor((Math.min(relevanceMax, acc[slot]! * norm) / relevanceMax) * relevanceSteps);
      acc[slot] = 0;
      const metBits = met[slot]!;
      met[slot] = 0;
      // Someone who shares only generic words ("data", "clinical") or only implied concepts with the need is never
      // suggested, so is not walked (nor partitioned) at all.
      if ((metBits & MET_MEANS) === 0) continue;
      keyScratch[keyCount++] =
        (((metBits & MET_ASK) !== 0 ? 0 : relevanceSteps) + relevanceSteps - steps) * slotSpan + slot;
    }
    const nextKey = createAscendingWalk(keyScratch.subarray(0, keyCount));

    const nowMs = options.now.getTime();
    const poolSize = Math.max(
      1,
      indexOptions.poolSize ?? (model ? Math.max(rerankPool, limit) : Math.max(20, limit * 4)),
    );
    const pool: Scored[] = [];
    const meanCentre = live / Math.max(1, institutionsInUse);
    const otherDepartmentPossible = reqDepartment !== 0;
    // The most anything but relevance can add for this requester (no department bonus when they name none, no
    // mentoring bonus unless they are early-career): a candidate this far behind the pool cannot enter it.
    const bonusCap = Math.min(
      maxBonus,
      combineScore({
        relevance: 0,
        reciprocity: 1,
        sameness: 0,
        otherInstitution: true,
        otherDepartment: otherDepartmentPossible,
        smallCentre: 1,
        mentoring: reqEarly,
        activePartnerships: 0,
      }),
    );
    const reqSlot = slotById.get(requester.id) ?? -1;
    const reqPartnerSlots: number[] = [];
    for (const id of reqPartners) {
      const slot = slotById.get(id);
      if (slot !== undefined) reqPartnerSlots.push(slot);
    }
    /** The candidate's id when they may be suggested to this requester, else null. */
    const eligibleId = (slot: number, flags: number): string | null => {
      const id = slotIds[slot]!;
      if (
        slot === reqSlot ||
        (flags & OPTED_OUT) !== 0 ||
        slotPausedUntil[slot]! > nowMs ||
        reqPartnerSlots.includes(slot) ||
        slotPartners[slot]?.includes(requester.id) ||
        (asksMentor && ((flags & MENTORING) === 0 || (flags & EARLY) !== 0))
      ) {
        return null;
      }
      const email = (flags & EMAIL_KEYED) !== 0 ? slotEmails[slot]! : key(slotEmails[slot]);
      if (
        email === reqEmail ||
        reqConflicts.has(email) ||
        slotConflicts[slot]?.some((e) => key(e) === reqEmail)
      )
        return null;
      return id;
    };
    let bestRelevance = -1;
    /** The relevance the cut-off is measured from: the best eligible candidate's, not counting lowered people. */
    let barRelevance = -1;
    for (;;) {
      const packedKey = nextKey();
      if (packedKey === Number.POSITIVE_INFINITY) break;
      // Exact for keys below 2^53 (slotSpan is a power of two), and cheaper than the float remainder.
      let rank = Math.floor(packedKey / slotSpan);
      const slot = packedKey - rank * slotSpan;
      const contextOnly = rank >= relevanceSteps;
      if (contextOnly) {
        // Everyone who meets the ask has been seen: people who meet only the context count when none could be shown.
        if (bestRelevance >= 0) break;
        rank -= relevanceSteps;
      }
      const relevance = ((relevanceSteps - rank) / relevanceSteps) * relevanceMax;
      const full = pool.length >= poolSize;
      if (full && !exhaustive && relevance + bonusCap + 1e-9 < pool[poolSize - 1]!.score) break;
      if (barRelevance > 0 && relevance < floor * Math.min(1, barRelevance)) break;
      const flags = slotFlags[slot]!;
      const institution = slotInstitution[slot]!;
      const department = slotDepartment[slot]!;
      const otherInstitution = institution !== reqInstitution;
      const otherDepartment = otherDepartmentPossible && department !== 0 && department !== reqDepartment;
      const smallCentre = Math.min(1, Math.max(0, 1 - institutionCounts[institution]! / (2 * meanCentre)));
      const mentoring = reqEarly && (flags & MENTORING) !== 0 && (flags & EARLY) === 0;
      // With the pool full, the best this candidate could score (full reciprocity when they need something, no
      // sameness, nothing alike) decides cheaply whether the rest is worth working out; so does their score before
      // whether they may be suggested at all. The pool was filled after the first eligible candidate set
      // bestRelevance, so skipping a full pool's candidates before the eligibility checks changes nothing.
      if (
        full &&
        !exhaustive &&
        combineScore({
          relevance,
          reciprocity: slotNeedsLength[slot]! > 0 ? 1 : 0,
          sameness: 0,
          otherInstitution,
          otherDepartment,
          smallCentre,
          mentoring,
          activePartnerships: slotActive[slot]!,
        }) +
          1e-9 <
          pool[poolSize - 1]!.score - 1e-12
      )
        continue;
      let id: string | null = null;
      if (!full) {
        id = eligibleId(slot, flags);
        if (id === null) continue;
        if (bestRelevance < 0) bestRelevance = relevance;
        if (barRelevance < 0 && options.lowered?.has(id) !== true) barRelevance = relevance;
      }

      const start = slotStart[slot]!;
      const selfEnd = start + slotSelfLength[slot]!;
      const needsEnd = selfEnd + slotNeedsLength[slot]!;
      let needTotal = 0;
      let needMet = 0;
      for (let i = selfEnd; i < needsEnd; i++) {
        const unit = arena[i]!;
        prime(unit);
        const w = unitIdf[unit]!;
        needTotal += w;
        if ((unitBits[unit]! & REQ_KNOWS) !== 0) needMet += w;
      }
      let shared = 0;
      for (let i = start; i < selfEnd; i++) {
        const unit = arena[i]!;
        if (unitStamp[unit] === queryNumber && (unitBits[unit]! & REQ_SELF) !== 0) shared++;
      }
      const union = reqSelfCount + (selfEnd - start) - shared;
      let alike = 0;
      if (avoidTotal > 0) {
        for (let i = needsEnd; i < needsEnd + slotPostedLength[slot]!; i++) {
          const unit = arena[i]!;
          alike += unitStamp[unit] === queryNumber ? unitAvoid[unit]! : 0;
        }
        alike /= avoidTotal;
      }
      const score =
        -complementPenalty * alike +
        combineScore({
          relevance,
          reciprocity: needTotal > 0 ? needMet / needTotal : 0,
          sameness: union > 0 ? shared / union : 0,
          otherInstitution,
          otherDepartment,
          smallCentre,
          mentoring,
          activePartnerships: slotActive[slot]!,
        });
      if (full) {
        if (score < pool[poolSize - 1]!.score - 1e-12) continue;
        id = eligibleId(slot, flags);
        if (id === null) continue;
      }
      const entry: Scored = {
        slot,
        id: id!,
        score,
        relevance,
        institutionKey: placeNames[institution]!,
        self: arena.slice(start, selfEnd),
      };
      if (pool.length >= poolSize && byScoreThenId(entry, pool[poolSize - 1]!) >= 0) continue;
      let lo = 0;
      let hi = pool.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byScoreThenId(pool[mid]!, entry) < 0) lo = mid + 1;
        else hi = mid;
      }
      pool.splice(lo, 0, entry);
      if (pool.length > poolSize) pool.pop();
    }

    // How much of what is asked the best candidate covers, counting the words nobody has against it.
    const covered = (Math.min(1, bestRelevance) * askSum) / Math.max(1e-9, askSum + unknownSum);
    if (pool.length === 0 || bestRelevance < nothingMeaningful) return null;
    // Sharing a concept of the need (a method, a condition, a setting) is meaningful even when the need is worded in
    // many words nobody uses; sharing only a plain word ("organise") is not, unless those words are most of the need.
    const meant = new Set<number>();
    for (let j = 0; j < queryUnits.length; j++) if (queryMeans[j]) meant.add(queryUnits[j]!);
    const sharesMeaning = (slot: number) => {
      const from = slotStart[slot]! + slotSelfLength[slot]! + slotNeedsLength[slot]!;
      let sharedConcepts = 0;
      let sharedWords = 0;
      for (let i = from; i < from + slotPostedLength[slot]!; i++) {
        if (!meant.has(arena[i]!)) continue;
        if (unitNames[arena[i]!]!.startsWith("c:")) sharedConcepts++;
        else sharedWords++;
      }
      return sharedConcepts > 0 || sharedWords >= 2 || covered >= wordsOnlyCover;
    };
    // Each candidate must share something meaningful: one who shares only a rare plain word ("real" in "test in
    // real patients") is left out, and the others are still shown.
    const shown = pool.filter((entry) => sharesMeaning(entry.slot));
    if (shown.length === 0) return null;
    // A need whose ask no one has (only its context matched) has no strong match either.
    const weak = covered < strongRelevance || !askKnown || unknownBefore >= 2;
    const needSet = new Set([...needUnits.map((u) => u.unit), ...hinted]);
    const reqOffers = new Set(req.knowsOffers);
    const explainAt = (entry: Scored, profile = profileAt(entry.slot)) =>
      explain(
        weak,
        profile,
        entry.score,
        needSet,
        reqKnowsUnits,
        reqOffers,
        reqEarly,
        (slotFlags[entry.slot]! & EARLY) !== 0,
      );
    const cutOff = fusion.relevanceFloor * Math.min(1, Math.max(0, barRelevance));
    const engineChosen = spreadRerank(
      model ? shown.filter((entry) => entry.relevance >= cutOff) : shown,
      limit,
    );
    const engine = engineChosen.map((entry) => explainAt(entry));
    if (!model || engine.length === 0) return { engine, candidates: null };
    // The re-ranker reads every close candidate, best engine score first.
    const chosenIds = new Set(engineChosen.map((entry) => entry.id));
    const profiles = shown.map((entry) => profileAt(entry.slot));
    const conceptsOf = (entry: Scored) => {
      const out = new Set<string>();
      const from = slotStart[entry.slot]! + slotSelfLength[entry.slot]! + slotNeedsLength[entry.slot]!;
      for (let i = from; i < from + slotPostedLength[entry.slot]!; i++) {
        const name = unitNames[arena[i]!]!;
        if (name.startsWith("c:")) out.add(name);
      }
      return out;
    };
    const poolCandidates: PoolCandidate[] = shown.map((entry, i) => ({
      profile: profiles[i]!,
      engineScore: entry.score,
      shownByEngine: chosenIds.has(entry.id),
      // How many entries the reason would name, without writing it (only those shown have theirs written).
      matchedEntries: matchedOf(profiles[i]!, needSet).matched.length,
      concepts: conceptsOf(entry),
    }));
    const conceptsIn = (units: readonly TextUnit[]) =>
      new Set(units.filter((u) => u.unit.startsWith("c:")).map((u) => u.unit));
    const needTerms = readNeedTerms(
      need,
      askPiece,
      conceptsIn(analyseText(need)),
      conceptsIn(analyseText(askPiece)),
      requester,
      new Set(hinted),
    );
    const described = describeCandidates(poolCandidates, needTerms, termStats, features);
    return {
      engine,
      explain: (i) => explainAt(shown[i]!, profiles[i]),
      model,
      needTerms,
      candidates: shown.map((entry, i) => ({ id: entry.id, features: described[i]! })),
    };
  }

  function shrink(): void {
    for (let unit = 0; unit < postDocs.length; unit++) {
      const n = postLength[unit]!;
      if (postDocs[unit]!.length === n) continue;
      postDocs[unit] = postDocs[unit]!.slice(0, n);
      postWeights[unit] = postWeights[unit]!.slice(0, n);
    }
    // A trimmed copy holds the arena twice at the end of a load, the server's peak (30 MB more at 100,000 people
    // with publications), so it is made only when it gives back much. The spare room past `arenaUsed` was never
    // written (growing copies the used part only): past 32 MB the allocator maps fresh pages for it, which take
    // no memory until written, so a large arena is never trimmed.
    const spare = arena.length - arenaUsed;
    if (spare * 4 > arena.length && arena.length <= ARENA_TRIMMED_MAX) arena = arena.slice(0, arenaUsed);
  }

  for (const profile of profiles) upsert(profile);
  if (profiles.length > 0) shrink();

  return {
    upsert,
    remove,
    get size() {
      return live;
    },
    suggest,
    rerankCandidates,
    get(id) {
      const slot = slotById.get(id);
      return slot === undefined ? undefined : profileAt(slot);
    },
    ids: () => slotById.keys(),
    partners(id) {
      const slot = slotById.get(id);
      if (slot === undefined) return undefined;
      return { active: slotActive[slot]!, partnerIds: slotPartners[slot] ?? noIds };
    },
    shrink,
  };
}

function matchesAny(item: string, units: ReadonlySet<string>): boolean {
  return analyseText(item).some((u) => units.has(u.unit));
}

/** The candidate's own entries that met the need, each named once, as the reason and the re-ranker read them. */
function matchedOf(p: MatchProfile, needSet: ReadonlySet<string>) {
  const seen = new Set<string>();
  const pick = (items: readonly string[]) =>
    items.filter((item) => {
      const k = key(item);
      if (seen.has(k) || !matchesAny(item, needSet)) return false;
      seen.add(k);
      return true;
    });
  const offers = pick(p.offers);
  const expertise = pick(p.expertise);
  const methods = pick(p.methods);
  const roleMatched = p.role ? matchesAny(p.role, needSet) : false;
  const departmentMatched = p.department && !roleMatched ? matchesAny(p.department, needSet) : false;
  const topics = (p.topics ?? []).filter((t) => matchesAny(t.term, needSet));
  const matched = [...offers, ...expertise, ...methods, ...topics.map((t) => t.term)];
  if (matched.length === 0 && roleMatched && p.role) matched.push(p.role);
  if (matched.length === 0 && departmentMatched && p.department) matched.push(p.department);
  if (needSet.has(mentoringUnit) && p.openToMentoring) matched.push("open to mentoring");
  return { offers, expertise, methods, topics, departmentMatched, matched };
}

/** Builds the suggestion's reason from the candidate's own entries that met the need, never from the need's text. */
function explain(
  weak: boolean,
  p: MatchProfile,
  score: number,
  needSet: ReadonlySet<string>,
  reqKnows: ReadonlySet<string>,
  reqOffers: ReadonlySet<string>,
  reqEarly: boolean,
  candidateEarly: boolean,
): Suggestion {
  const { offers, expertise, methods, topics, departmentMatched, matched } = matchedOf(p, needSet);
  const theyNeed = p.needs.filter((item) => matchesAny(item, reqKnows));
  const youOffer = theyNeed.some((item) => matchesAny(item, reqOffers));
  const mentoring =
    p.openToMentoring === true && (needSet.has(mentoringUnit) || (reqEarly && !candidateEarly));
  return {
    personId: p.id,
    score: Math.round(score * 10_000) / 10_000,
    reason: writeReason({
      role: p.role,
      careerStage: p.careerStage,
      institution: p.institution,
      offers,
      expertise,
      methods,
      department: departmentMatched ? p.department : null,
      mentoring,
      theyNeed,
      youOffer,
      papers: topics,
    }),
    matched,
    ...(weak ? { weak: true } : {}),
  };
}
