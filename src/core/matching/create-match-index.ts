// An in-memory inverted index of profiles (unit → people) that answers "who could help with this need?" in milliseconds.
import { analyseProfile, isEarlyCareer, mentoringUnit } from "./analyse-profile.ts";
import { analyseText, isWeakUnit } from "./analyse-text.ts";
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
} as const;

/** A candidate whose relevance is below this share of the best candidate's is not worth a colleague's time. */
const relevanceFloor = 0.25;
/** A requester's field weight from which they are taken to "have" a unit (methods and above). */
const hasWeight = 0.65;
/** Relevance is at most 1 plus the role bonus; it is kept to 2^-29 steps so ordering never depends on float noise. */
const relevanceMax = 2;
const relevanceSteps = 2 ** 30;
const slotSpan = 2 ** 21;

interface Scored {
  slot: number;
  profile: MatchProfile;
  id: string;
  score: number;
  institutionKey: string;
  self: Int32Array;
}

function key(text: string | null | undefined): string {
  return (text ?? "").trim().toLowerCase().replace(/\s+/g, " ");
}

function byScoreThenId(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function grownInt32(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

export function createMatchIndex(profiles: readonly MatchProfile[] = []): MatchIndex {
  // Units (concepts and word stems) by number, with their posting lists: which slots have them, and how strongly.
  const unitIds = new Map<string, number>();
  const postDocs: Int32Array[] = [];
  const postWeights: Float32Array[] = [];
  const postLength: number[] = [];

  // Profiles by slot, kept as parallel arrays (a few bytes a profile rather than an object each).
  const slotProfiles: (MatchProfile | undefined)[] = [];
  const slotById = new Map<string, number>();
  const freeSlots: number[] = [];
  let slotInstitution = new Int32Array(1024);
  let slotDepartment = new Int32Array(1024);
  let slotEarly = new Uint8Array(1024);
  /** Where the slot's unit ids start in the arena: expertise and role, then needs, then every posted unit. */
  let slotStart = new Int32Array(1024);
  let slotSelfLength = new Int32Array(1024);
  let slotNeedsLength = new Int32Array(1024);
  let slotPostedLength = new Int32Array(1024);
  let arena = new Int32Array(1 << 16);
  let arenaUsed = 0;
  let arenaDead = 0;

  // Institutions and departments by number ("" is 0), and how many people each institution has.
  const placeIds = new Map<string, number>([["", 0]]);
  const placeNames: string[] = [""];
  const institutionCounts: number[] = [0];
  let institutionsInUse = 0;
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

  function slotLength(slot: number): number {
    return slotSelfLength[slot]! + slotNeedsLength[slot]! + slotPostedLength[slot]!;
  }

  /** Moves the live slots' units to a fresh arena once more than half of it belongs to removed profiles. */
  function compactArena(): void {
    const fresh = new Int32Array(Math.max(1 << 16, (arenaUsed - arenaDead) * 2));
    let used = 0;
    for (let slot = 0; slot < slotProfiles.length; slot++) {
      if (!slotProfiles[slot]) continue;
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
    slotProfiles[slot] = undefined;
    slotById.delete(id);
    freeSlots.push(slot);
    live--;
    if (arenaDead > 1 << 15 && arenaDead * 2 > arenaUsed) compactArena();
    return true;
  }

  function upsert(profile: MatchProfile): void {
    remove(profile.id);
    const units = analyseProfile(profile);
    const slot = freeSlots.pop() ?? slotProfiles.length;
    if (slot >= slotSpan) throw new Error(`the match index holds at most ${slotSpan} profiles`);
    if (slot >= slotStart.length) {
      const size = slotStart.length * 2;
      slotInstitution = grownInt32(slotInstitution, size);
      slotDepartment = grownInt32(slotDepartment, size);
      slotStart = grownInt32(slotStart, size);
      slotSelfLength = grownInt32(slotSelfLength, size);
      slotNeedsLength = grownInt32(slotNeedsLength, size);
      slotPostedLength = grownInt32(slotPostedLength, size);
      const early = new Uint8Array(size);
      early.set(slotEarly);
      slotEarly = early;
      acc = new Float64Array(size);
      touched = new Int32Array(size);
    }

    const length = units.self.length + units.needs.length + units.about.size;
    arena = grownInt32(arena, arenaUsed + length);
    let at = arenaUsed;
    slotStart[slot] = at;
    for (const u of units.self) arena[at++] = internUnit(u);
    for (const u of units.needs) arena[at++] = internUnit(u);
    for (const [u, weight] of units.about) {
      const unit = internUnit(u);
      arena[at++] = unit;
      post(unit, slot, weight);
    }
    arenaUsed = at;
    slotSelfLength[slot] = units.self.length;
    slotNeedsLength[slot] = units.needs.length;
    slotPostedLength[slot] = units.about.size;

    const institution = internPlace(profile.institution);
    if (institutionCounts[institution] === 0) institutionsInUse++;
    institutionCounts[institution]!++;
    slotInstitution[slot] = institution;
    slotDepartment[slot] = internPlace(profile.department);
    slotEarly[slot] = isEarlyCareer(profile) ? 1 : 0;
    if (slot === slotProfiles.length) slotProfiles.push(profile);
    else slotProfiles[slot] = profile;
    slotById.set(profile.id, slot);
    live++;
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
    let askSum = 0;
    let contextSum = 0;
    for (const u of needUnits) {
      const unit = unitIds.get(u.unit);
      if (unit === undefined || postLength[unit] === 0) continue;
      let q = idf(unit);
      if (u.broader) q *= needWeights.broader;
      if (isWeakUnit(u.unit)) q *= needWeights.weak;
      if ((req.about.get(u.unit) ?? 0) >= hasWeight) q *= needWeights.requesterHas;
      const isAsk = !asksInParts || u.segment === firstSegment;
      if (isAsk) askSum += q;
      else contextSum += q;
      queryUnits.push(unit);
      queryWeights.push(q);
      queryIsAsk.push(isAsk);
    }
    if (askSum + contextSum === 0) return [];
    const askScale = askSum === 0 ? 0 : contextSum === 0 ? 1 / askSum : needWeights.askShare / askSum;
    const contextScale =
      contextSum === 0 ? 0 : askSum === 0 ? 1 / contextSum : (1 - needWeights.askShare) / contextSum;

    let touchedCount = 0;
    for (let j = 0; j < queryUnits.length; j++) {
      const unit = queryUnits[j]!;
      const q = queryWeights[j]! * (queryIsAsk[j] ? askScale : contextScale);
      const list = postDocs[unit]!;
      const weights = postWeights[unit]!;
      const n = postLength[unit]!;
      for (let i = 0; i < n; i++) {
        const slot = list[i]!;
        if (acc[slot] === 0) touched[touchedCount++] = slot;
        acc[slot]! += q * weights[i]!;
      }
    }

    // Order the candidates by relevance (clearing the accumulator on the way), then walk them from the most
    // relevant down and stop when no one left could enter the pool.
    const keys = new Float64Array(touchedCount);
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const steps = Math.floor((Math.min(relevanceMax, acc[slot]!) / relevanceMax) * relevanceSteps);
      acc[slot] = 0;
      keys[i] = (relevanceSteps - steps) * slotSpan + slot;
    }
    keys.sort();

    const nowMs = options.now.getTime();
    const poolSize = Math.max(20, limit * 4);
    const pool: Scored[] = [];
    const meanCentre = live / Math.max(1, institutionsInUse);
    let bestRelevance = -1;
    for (let k = 0; k < touchedCount; k++) {
      const packedKey = keys[k]!;
      const slot = packedKey % slotSpan;
      const relevance = ((relevanceSteps - (packedKey - slot) / slotSpan) / relevanceSteps) * relevanceMax;
      if (pool.length >= poolSize && relevance + maxBonus + 1e-9 < pool[poolSize - 1]!.score) break;
      if (bestRelevance > 0 && relevance < relevanceFloor * bestRelevance) break;
      const p = slotProfiles[slot]!;
      if (
        p.id === requester.id ||
        p.optedOut ||
        (p.pausedUntil != null && p.pausedUntil.getTime() > nowMs) ||
        reqPartners.has(p.id) ||
        p.partnerIds.includes(requester.id)
      ) {
        continue;
      }
      const email = key(p.email);
      if (email === reqEmail || reqConflicts.has(email) || p.conflictsWith.some((e) => key(e) === reqEmail))
        continue;
      if (bestRelevance < 0) bestRelevance = relevance;

      const start = slotStart[slot]!;
      const selfEnd = start + slotSelfLength[slot]!;
      const needsEnd = selfEnd + slotNeedsLength[slot]!;
      let needTotal = 0;
      let needMet = 0;
      for (let i = selfEnd; i < needsEnd; i++) {
        const unit = arena[i]!;
        const w = idf(unit);
        needTotal += w;
        if (reqKnows.has(unit)) needMet += w;
      }
      let shared = 0;
      for (let i = start; i < selfEnd; i++) if (reqSelf.has(arena[i]!)) shared++;
      const union = reqSelfCount + (selfEnd - start) - shared;
      const institution = slotInstitution[slot]!;
      const department = slotDepartment[slot]!;
      const score = combineScore({
        relevance,
        reciprocity: needTotal > 0 ? needMet / needTotal : 0,
        sameness: union > 0 ? shared / union : 0,
        otherInstitution: institution !== reqInstitution,
        otherDepartment: reqDepartment !== 0 && department !== 0 && department !== reqDepartment,
        smallCentre: Math.min(1, Math.max(0, 1 - institutionCounts[institution]! / (2 * meanCentre))),
        mentoring: reqEarly && p.openToMentoring === true && slotEarly[slot] === 0,
        activePartnerships: p.activePartnerships,
      });
      if (pool.length >= poolSize && score < pool[poolSize - 1]!.score - 1e-12) continue;
      const entry: Scored = {
        slot,
        profile: p,
        id: p.id,
        score,
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

    const needSet = new Set(needUnits.map((u) => u.unit));
    const reqOffers = new Set(req.knowsOffers);
    return spreadRerank(pool, limit).map((chosen) =>
      explain(chosen, needSet, reqKnowsUnits, reqOffers, reqEarly, slotEarly[chosen.slot] === 1),
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
  candidateEarly: boolean,
): Suggestion {
  const p = chosen.profile;
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
    p.openToMentoring === true && (needSet.has(mentoringUnit) || (reqEarly && !candidateEarly));
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
