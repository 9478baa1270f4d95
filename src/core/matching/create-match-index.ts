// An in-memory inverted index of profiles (unit → people) that answers "who could help with this need?" in milliseconds.
import { analyseProfile, isEarlyCareer, mentoringUnit } from "./analyse-profile.ts";
import { analyseText } from "./analyse-text.ts";
import { combineScore, maxBonus } from "./score-candidate.ts";
import { spreadRerank } from "./spread-rerank.ts";
import type { MatchProfile, Suggestion, SuggestOptions } from "./types.ts";
import { writeReason } from "./write-reason.ts";

export interface MatchIndex {
  /** Adds a profile, or replaces the one with the same id. */
  upsert(profile: MatchProfile): void;
  /** Takes a profile out; false when there was none with this id. */
  remove(id: string): boolean;
  readonly size: number;
  /** Up to `limit` (5) people for this need, best first, each with a one-line reason. */
  suggest(requester: MatchProfile, need: string, options: SuggestOptions): Suggestion[];
}

/** How much each unit of the need counts, besides its rarity. */
const needWeights = {
  /** Units in the first part of the need ("biostatistician" in "biostatistician for a cohort study"). */
  ask: 1.5,
  context: 1,
  /** Broader concepts implied by the need ("survival analysis" implies biostatistics). */
  broader: 0.35,
  /** What the requester already has themselves is less what they are looking for. */
  requesterHas: 0.5,
} as const;

/** A candidate whose relevance is below this share of the best candidate's is not worth a colleague's time. */
const relevanceFloor = 0.25;
/** A requester's field weight from which they are taken to "have" a unit (methods and above). */
const hasWeight = 0.65;
const relevanceSteps = 2 ** 30;
const slotSpan = 2 ** 21;

interface Doc {
  profile: MatchProfile;
  email: string;
  institutionKey: string;
  departmentKey: string;
  /** Unit ids, packed: [0, selfEnd) expertise and role; [selfEnd, needsEnd) needs; [needsEnd, end) all posted. */
  packed: Int32Array;
  selfEnd: number;
  needsEnd: number;
  conflicts: readonly string[];
  early: boolean;
}

interface Scored {
  doc: Doc;
  id: string;
  score: number;
  institutionKey: string;
  self: Int32Array;
}

const noConflicts: readonly string[] = Object.freeze([]);

function key(text: string | null | undefined): string {
  return (text ?? "").trim().toLowerCase().replace(/\s+/g, " ");
}

function byScoreThenId(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createMatchIndex(profiles: readonly MatchProfile[] = []): MatchIndex {
  const unitIds = new Map<string, number>();
  const postDocs: Int32Array[] = [];
  const postWeights: Float32Array[] = [];
  const postLength: number[] = [];

  const docs: (Doc | undefined)[] = [];
  const slotById = new Map<string, number>();
  const freeSlots: number[] = [];
  const institutionCounts = new Map<string, number>();
  let live = 0;
  let acc = new Float64Array(1024);
  let touched = new Int32Array(1024);

  function internUnit(unit: string): number {
    let id = unitIds.get(unit);
    if (id === undefined) {
      id = postLength.length;
      unitIds.set(unit, id);
      postDocs.push(new Int32Array(2));
      postWeights.push(new Float32Array(2));
      postLength.push(0);
    }
    return id;
  }

  function post(unit: number, slot: number, weight: number): void {
    const n = postLength[unit]!;
    if (n === postDocs[unit]!.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(postDocs[unit]!);
      postDocs[unit] = bigger;
      const biggerWeights = new Float32Array(n * 2);
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

  function countInstitution(institutionKey: string, delta: number): void {
    const n = (institutionCounts.get(institutionKey) ?? 0) + delta;
    if (n > 0) institutionCounts.set(institutionKey, n);
    else institutionCounts.delete(institutionKey);
  }

  function remove(id: string): boolean {
    const slot = slotById.get(id);
    if (slot === undefined) return false;
    const doc = docs[slot]!;
    for (let i = doc.needsEnd; i < doc.packed.length; i++) unpost(doc.packed[i]!, slot);
    countInstitution(doc.institutionKey, -1);
    docs[slot] = undefined;
    slotById.delete(id);
    freeSlots.push(slot);
    live--;
    return true;
  }

  function upsert(profile: MatchProfile): void {
    remove(profile.id);
    const units = analyseProfile(profile);
    const self = units.self.map(internUnit);
    const needs = units.needs.map(internUnit);
    const posted = [...units.about.keys()].map(internUnit);
    const packed = new Int32Array(self.length + needs.length + posted.length);
    packed.set(self, 0);
    packed.set(needs, self.length);
    packed.set(posted, self.length + needs.length);

    const slot = freeSlots.pop() ?? docs.length;
    if (slot >= slotSpan) throw new Error(`the match index holds at most ${slotSpan} profiles`);
    let i = 0;
    for (const weight of units.about.values()) post(posted[i++]!, slot, weight);
    const conflicts =
      profile.conflictsWith.length > 0 ? profile.conflictsWith.map((e) => key(e)) : noConflicts;
    docs[slot] = {
      profile,
      email: key(profile.email),
      institutionKey: key(profile.institution),
      departmentKey: key(profile.department),
      packed,
      selfEnd: self.length,
      needsEnd: self.length + needs.length,
      conflicts,
      early: isEarlyCareer(profile),
    };
    slotById.set(profile.id, slot);
    countInstitution(key(profile.institution), 1);
    live++;
    if (acc.length < docs.length) {
      acc = new Float64Array(Math.max(docs.length, acc.length * 2));
      touched = new Int32Array(acc.length);
    }
  }

  function suggest(requester: MatchProfile, need: string, options: SuggestOptions): Suggestion[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    const needUnits = analyseText(need);
    const direct = needUnits.filter((u) => !u.broader);
    if (limit === 0 || direct.length === 0 || live === 0) return [];
    const firstSegment = Math.min(...direct.map((u) => u.segment));
    const asksInParts = direct.some((u) => u.segment !== firstSegment);

    const req = analyseProfile(requester);
    const reqEmail = key(requester.email);
    const reqInstitution = key(requester.institution);
    const reqDepartment = key(requester.department);
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

    // The need as weighted units: rare units count more, the ask more than its context.
    let weightSum = 0;
    let touchedCount = 0;
    for (const u of needUnits) {
      const unit = unitIds.get(u.unit);
      if (unit === undefined || postLength[unit] === 0) continue;
      let q = idf(unit);
      if (u.broader) q *= needWeights.broader;
      else if (asksInParts && u.segment === firstSegment) q *= needWeights.ask;
      else q *= needWeights.context;
      if ((req.about.get(u.unit) ?? 0) >= hasWeight) q *= needWeights.requesterHas;
      weightSum += q;
      const list = postDocs[unit]!;
      const weights = postWeights[unit]!;
      const n = postLength[unit]!;
      for (let i = 0; i < n; i++) {
        const slot = list[i]!;
        if (acc[slot] === 0) touched[touchedCount++] = slot;
        acc[slot]! += q * weights[i]!;
      }
    }
    if (weightSum === 0) return [];

    // Walk candidates from the most relevant down; stop when no one left could enter the pool.
    const keys = new Float64Array(touchedCount);
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const steps = Math.floor((acc[slot]! / weightSum) * relevanceSteps);
      acc[slot] = 0;
      keys[i] = (relevanceSteps - steps) * slotSpan + slot;
    }
    keys.sort();

    const nowMs = options.now.getTime();
    const poolSize = Math.max(20, limit * 4);
    const pool: Scored[] = [];
    const meanCentre = live / Math.max(1, institutionCounts.size);
    let bestRelevance = -1;
    for (let k = 0; k < touchedCount; k++) {
      const packedKey = keys[k]!;
      const slot = packedKey % slotSpan;
      const relevance = (relevanceSteps - (packedKey - slot) / slotSpan) / relevanceSteps;
      if (pool.length >= poolSize && relevance + maxBonus + 1e-9 < pool[poolSize - 1]!.score) break;
      if (bestRelevance > 0 && relevance < relevanceFloor * bestRelevance) break;
      const doc = docs[slot]!;
      const p = doc.profile;
      if (
        p.id === requester.id ||
        doc.email === reqEmail ||
        p.optedOut ||
        (p.pausedUntil != null && p.pausedUntil.getTime() > nowMs) ||
        reqConflicts.has(doc.email) ||
        doc.conflicts.includes(reqEmail) ||
        reqPartners.has(p.id) ||
        p.partnerIds.includes(requester.id)
      ) {
        continue;
      }
      if (bestRelevance < 0) bestRelevance = relevance;

      let needTotal = 0;
      let needMet = 0;
      for (let i = doc.selfEnd; i < doc.needsEnd; i++) {
        const unit = doc.packed[i]!;
        const w = idf(unit);
        needTotal += w;
        if (reqKnows.has(unit)) needMet += w;
      }
      let shared = 0;
      for (let i = 0; i < doc.selfEnd; i++) if (reqSelf.has(doc.packed[i]!)) shared++;
      const union = reqSelfCount + doc.selfEnd - shared;
      const centre = institutionCounts.get(doc.institutionKey) ?? 1;
      const score = combineScore({
        relevance,
        reciprocity: needTotal > 0 ? needMet / needTotal : 0,
        sameness: union > 0 ? shared / union : 0,
        otherInstitution: doc.institutionKey !== reqInstitution,
        otherDepartment:
          reqDepartment !== "" && doc.departmentKey !== "" && doc.departmentKey !== reqDepartment,
        smallCentre: Math.min(1, Math.max(0, 1 - centre / (2 * meanCentre))),
        mentoring: reqEarly && p.openToMentoring === true && !doc.early,
        activePartnerships: p.activePartnerships,
      });
      const entry: Scored = {
        doc,
        id: p.id,
        score,
        institutionKey: doc.institutionKey,
        self: doc.packed.subarray(0, doc.selfEnd),
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
    for (let i = 0; i < touchedCount; i++) acc[touched[i]!] = 0;

    const needSet = new Set(needUnits.map((u) => u.unit));
    const reqOffers = new Set(req.knowsOffers);
    return spreadRerank(pool, limit).map((chosen) =>
      explain(chosen, needSet, reqKnowsUnits, reqOffers, reqEarly),
    );
  }

  for (const profile of profiles) upsert(profile);

  return {
    upsert,
    remove,
    get size() {
      return live;
    },
    suggest,
  };
}

function matchesAny(item: string, units: ReadonlySet<string>): boolean {
  return analyseText(item).some((u) => units.has(u.unit));
}

/** Builds the suggestion's reason from the candidate's own entries that met the need, never from the need's text. */
function explain(
  chosen: Scored,
  needSet: ReadonlySet<string>,
  reqKnows: ReadonlySet<string>,
  reqOffers: ReadonlySet<string>,
  reqEarly: boolean,
): Suggestion {
  const p = chosen.doc.profile;
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
  const theyNeed = p.needs.filter((item) => matchesAny(item, reqKnows));
  const youOffer = theyNeed.some((item) => matchesAny(item, reqOffers));
  const mentoring =
    p.openToMentoring === true && (needSet.has(mentoringUnit) || (reqEarly && !chosen.doc.early));
  const matched = [...offers, ...expertise, ...methods];
  if (matched.length === 0 && roleMatched && p.role) matched.push(p.role);
  if (matched.length === 0 && departmentMatched && p.department) matched.push(p.department);
  if (needSet.has(mentoringUnit) && p.openToMentoring) matched.push("open to mentoring");
  return {
    personId: p.id,
    score: Math.round(chosen.score * 10_000) / 10_000,
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
    }),
    matched,
  };
}
