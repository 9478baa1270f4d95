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

/** Being open to mentoring reads as offering the mentoring concept. */
export const mentoringUnit = "c:mentoring";

export interface ProfileUnits {
  /** Unit → weight of the best field it appears in (offers, expertise, methods, role, department), plus the role bonus. */
  about: Map<string, number>;
  /** What the person is: expertise and role, as written (for sameness between two people). */
  self: string[];
  /** What the person can give: offers, expertise and methods, with the broader concepts they imply (for reciprocity). */
  knows: string[];
  /** What the person offers, with broader concepts. */
  knowsOffers: string[];
  /** What the person is looking for, as written. */
  needs: string[];
}

function addItems(into: Map<string, number>, items: readonly string[], weight: number): void {
  for (const item of items) {
    for (const u of analyseText(item)) {
      const w = u.broader ? weight * broaderFactor : weight;
      if (w > (into.get(u.unit) ?? 0)) into.set(u.unit, w);
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
  const about = new Map<string, number>();
  addItems(about, profile.offers, fieldWeights.offers);
  addItems(about, profile.expertise, fieldWeights.expertise);
  if (profile.role) addItems(about, [profile.role], fieldWeights.role);
  addItems(about, profile.methods, fieldWeights.methods);
  if (profile.department) addItems(about, [profile.department], fieldWeights.department);
  for (const topic of profile.topics ?? [])
    addItems(about, [topic.term], fieldWeights.publications * topic.weight);
  if (profile.openToMentoring && (about.get(mentoringUnit) ?? 0) < fieldWeights.mentoring) {
    about.set(mentoringUnit, fieldWeights.mentoring);
  }
  if (profile.role) {
    for (const u of analyseText(profile.role)) {
      if (!u.broader) about.set(u.unit, (about.get(u.unit) ?? 0) + roleBonus);
    }
  }
  return {
    about,
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
