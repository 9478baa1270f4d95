// Reads a profile once into what matching needs: each unit with the weight of the best field it appears in.
import { analyseText } from "./analyse-text.ts";
import type { MatchProfile } from "./types.ts";

/** What a candidate offers counts most, then what they know and are, then how they work, then where they sit. */
export const fieldWeights = {
  offers: 1,
  expertise: 0.9,
  role: 0.8,
  methods: 0.65,
  mentoring: 0.6,
  department: 0.4,
  /** MeSH descriptors of the person's papers, times the topic's own weight (major topic, recency). */
  publications: 0.7,
} as const;

/** Added when the person's role names the unit: a "medical statistician" is statistics, not only offers it. */
export const roleBonus = 0.15;

/** A broader concept implied by a narrower one ("survival analysis" implies biostatistics) counts this much. */
export const broaderFactor = 0.5;

/**
 * A unit named in several entries ("falls" in expertise, methods and offers) says more about the person than one
 * named once, with diminishing returns: its posted weight is raised by this times the log of (summed field weights
 * of the entries naming it / the best field's weight). Length normalisation is the index's (`fusion.lengthNorm`).
 */
const mentionsWeight = 0.5;

/** Being open to mentoring reads as offering the mentoring concept. */
export const mentoringUnit = "c:mentoring";

export interface ProfileUnits {
  /** Unit → weight of the best field it appears in (offers, expertise, methods, role, department), plus the role bonus. */
  about: Map<string, number>;
  /** Unit → posted weight: the best field's weight, raised when several entries name the unit. */
  posted: Map<string, number>;
  /** How many units the profile names in all (each entry's units counted), for length normalisation. */
  length: number;
  /** What the person is: expertise and role, as written (for sameness between two people). */
  self: string[];
  /** What the person can give: offers, expertise and methods, with the broader concepts they imply (for reciprocity). */
  knows: string[];
  /** What the person offers, with broader concepts. */
  knowsOffers: string[];
  /** What the person is looking for, as written. */
  needs: string[];
}

interface Tally {
  best: Map<string, number>;
  sum: Map<string, number>;
  length: number;
}

function addItems(into: Tally, items: readonly string[], weight: number): void {
  for (const item of items) {
    for (const u of analyseText(item)) {
      const w = u.broader ? weight * broaderFactor : weight;
      if (w > (into.best.get(u.unit) ?? 0)) into.best.set(u.unit, w);
      into.sum.set(u.unit, (into.sum.get(u.unit) ?? 0) + w);
      if (!u.broader) into.length++;
    }
  }
}

function unitsOf(items: readonly (string | null | undefined)[], withBroader: boolean): string[] {
  const out = new Set<string>();
  for (const item of items) {
    if (!item) continue;
    for (const u of analyseText(item)) if (withBroader || !u.broader) out.add(u.unit);
  }
  return [...out];
}

export function analyseProfile(profile: MatchProfile): ProfileUnits {
  const tally: Tally = { best: new Map(), sum: new Map(), length: 0 };
  addItems(tally, profile.offers, fieldWeights.offers);
  addItems(tally, profile.expertise, fieldWeights.expertise);
  if (profile.role) addItems(tally, [profile.role], fieldWeights.role);
  addItems(tally, profile.methods, fieldWeights.methods);
  if (profile.department) addItems(tally, [profile.department], fieldWeights.department);
  for (const topic of profile.topics ?? [])
    addItems(tally, [topic.term], fieldWeights.publications * topic.weight);
  const about = tally.best;
  // Before the role bonus and mentoring change `about`: how many times over the best field the unit is named.
  const namedOver = new Map<string, number>();
  for (const [unit, sum] of tally.sum) {
    const best = about.get(unit) ?? 0;
    if (best > 0 && sum > best) namedOver.set(unit, sum / best);
  }
  if (profile.openToMentoring && (about.get(mentoringUnit) ?? 0) < fieldWeights.mentoring) {
    about.set(mentoringUnit, fieldWeights.mentoring);
  }
  if (profile.role) {
    for (const u of analyseText(profile.role)) {
      if (!u.broader) about.set(u.unit, (about.get(u.unit) ?? 0) + roleBonus);
    }
  }
  const posted = new Map<string, number>();
  for (const [unit, weight] of about) {
    posted.set(unit, weight * (1 + mentionsWeight * Math.log(namedOver.get(unit) ?? 1)));
  }
  return {
    about,
    posted,
    length: tally.length,
    self: unitsOf([...profile.expertise, profile.role], false),
    knows: unitsOf([...profile.offers, ...profile.expertise, ...profile.methods], true),
    knowsOffers: unitsOf(profile.offers, true),
    needs: unitsOf(profile.needs, false),
  };
}

/** Early-career people (students, trainees, early-career researchers) gain most from a mentor. */
export function isEarlyCareer(profile: MatchProfile): boolean {
  const text = `${profile.careerStage ?? ""} ${profile.role ?? ""}`.toLowerCase();
  return /\b(student|phd|doctoral|trainee|registrar|resident|early|junior|postdoc|post-doctoral)\b/.test(
    text,
  );
}
