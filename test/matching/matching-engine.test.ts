// Focused tests of the matching engine: text analysis, each exclusion, each part of the score, and the index itself.
import { describe, expect, it } from "vitest";
import { syntheticProfiles } from "../../bench/match-synthetic.ts";
import { analyseText } from "../../src/core/matching/analyse-text.ts";
import {
  createMatchIndex as createIndex,
  type MatchIndexOptions,
} from "../../src/core/matching/create-match-index.ts";
import { stem } from "../../src/core/matching/stem.ts";
import type { MatchProfile } from "../../src/core/matching/types.ts";
import { writeReason } from "../../src/core/matching/write-reason.ts";
import { matchProfile } from "../helpers/match-profiles.ts";

const now = new Date("2025-03-01T09:00:00Z");

// These test the engine's own reading and scoring, part by part, on directories of two or three people; the learnt
// re-ranker that reorders its closest candidates and the concept hints that widen a need (both trained on directories
// of 60–100) are tested in learnt-rerank.test.ts and concept-hints.test.ts.
const createMatchIndex = (profiles: readonly MatchProfile[] = [], options: MatchIndexOptions = {}) =>
  createIndex(profiles, { rerank: null, hints: null, ...options });

const requester = matchProfile("req", {
  institution: "Northfield Royal Infirmary",
  department: "Oncology",
  role: "Consultant medical oncologist",
  expertise: ["breast cancer", "oncology"],
  offers: ["breast cancer cohort access", "patient recruitment"],
});

function statistician(id: string, fields: Partial<MatchProfile> = {}): MatchProfile {
  return matchProfile(id, {
    role: "Medical statistician",
    department: "Biostatistics",
    expertise: ["biostatistics"],
    offers: ["survival analysis"],
    ...fields,
  });
}

const ids = (index: ReturnType<typeof createMatchIndex>, need: string, who = requester, limit?: number) =>
  index.suggest(who, need, { now, limit }).map((s) => s.personId);

const concepts = (text: string) =>
  analyseText(text)
    .filter((u) => !u.broader)
    .map((u) => u.unit);

describe("text analysis", () => {
  it("stems inflections together (a Porter stemmer)", () => {
    expect(stem("trials")).toBe(stem("trial"));
    expect(stem("modelling")).toBe(stem("modeling"));
    expect(stem("statistics")).toBe(stem("statistical"));
    expect(stem("enrolment")).toBe(stem("enrollment"));
    expect([stem("caresses"), stem("ponies"), stem("relational"), stem("hopping")]).toEqual([
      "caress",
      "poni",
      "relat",
      "hop",
    ]);
    expect(concepts("randomised")).toEqual(concepts("randomized"));
    expect(concepts("sequencing pipelines for tumours")).toEqual(concepts("sequencing pipeline for tumors"));
  });

  it("maps synonyms to one concept: statistics, oncology, ML, imaging, paediatrics", () => {
    for (const word of ["biostatistics", "biostatistician", "statistician", "statistics", "stats", "Stats"]) {
      expect(concepts(word), word).toEqual(["c:biostatistics"]);
    }
    for (const word of ["oncology", "cancer", "tumour", "tumor", "oncologist"]) {
      expect(concepts(word), word).toEqual(["c:oncology"]);
    }
    for (const word of ["machine learning", "ML", "AI", "deep learning"]) {
      expect(concepts(word), word).toEqual(["c:machine-learning"]);
    }
    for (const word of ["imaging", "radiology", "MRI", "CT"])
      expect(concepts(word), word).toEqual(["c:imaging"]);
    expect(concepts("paediatrics")).toEqual(concepts("pediatrics"));
    expect(concepts("cost-effectiveness")).toEqual(concepts("health economics"));
    expect(concepts("RCT")).toEqual(concepts("clinical trial"));
    expect(concepts("REDCap")).toEqual(concepts("data management"));
    expect(concepts("IRB")).toEqual(concepts("research ethics"));
  });

  it("lets a longer phrase win over the phrases inside it", () => {
    expect(concepts("statistical genetics")).toEqual(["c:genomics"]);
    expect(concepts("tumour samples").sort()).toEqual(["c:oncology", "c:samples"]);
  });

  it("drops stopwords, so a need with nothing in it finds no one", () => {
    expect(analyseText("I need someone to help with a study")).toEqual([]);
    const index = createMatchIndex([statistician("s1")]);
    expect(ids(index, "need someone to help with my research project")).toEqual([]);
    expect(ids(index, "")).toEqual([]);
  });
});

describe("relevance", () => {
  it('"stats" finds a biostatistician and "cancer" finds an oncologist', () => {
    const biostatistician = matchProfile("b", { role: "Biostatistician", expertise: ["biostatistics"] });
    const oncologist = matchProfile("o", { role: "Consultant oncologist", expertise: ["oncology"] });
    const nurse = matchProfile("n", { role: "Research nurse", expertise: ["nursing"] });
    const index = createMatchIndex([biostatistician, oncologist, nurse]);
    const asker = matchProfile("asker", { expertise: ["health economics"] });
    expect(ids(index, "stats", asker)).toEqual(["b"]);
    expect(ids(index, "cancer", asker)).toEqual(["o"]);
  });

  it("does not suggest people with nothing to do with the need (better fewer than wrong)", () => {
    const index = createMatchIndex([
      statistician("s1"),
      matchProfile("x", { expertise: ["surgery"], offers: ["theatre time"] }),
    ]);
    expect(ids(index, "survival analysis")).toEqual(["s1"]);
  });

  it("counts offers and expertise above methods, and a rare term above a common one", () => {
    // Ids run against the expected order, so a tie broken by id would fail.
    const method = matchProfile("a", { methods: ["survival analysis"] });
    const offers = matchProfile("b", { offers: ["survival analysis"] });
    const expertise = matchProfile("c", { expertise: ["survival analysis"] });
    // Someone who only lists it among their methods is below the cut-off after the best (0.8 of the best's
    // relevance) beside people who offer it or work on it, and is shown when nobody closer is there.
    expect(ids(createMatchIndex([method, offers, expertise]), "survival analysis")).toEqual(["b", "c"]);
    expect(ids(createMatchIndex([method]), "survival analysis")).toEqual(["a"]);

    const common = Array.from({ length: 8 }, (_, i) => matchProfile(`c${i}`, { expertise: ["cardiology"] }));
    const rare = matchProfile("rare", { expertise: ["diabetes"] });
    expect(ids(createMatchIndex([...common, rare]), "cardiology and diabetes")[0]).toBe("rare");
  });

  it("weighs the ask above its context", () => {
    const stats = statistician("s1", { expertise: ["biostatistics"], offers: [] });
    const breastOncologist = matchProfile("onc", {
      expertise: ["breast cancer", "cohort studies"],
      offers: [],
    });
    const asker = matchProfile("asker", { expertise: ["health economics"] });
    expect(
      ids(createMatchIndex([breastOncologist, stats]), "statistician for a breast cancer cohort", asker)[0],
    ).toBe("s1");
  });
});

describe("exclusions", () => {
  const good = (id: string, fields: Partial<MatchProfile> = {}) => statistician(id, fields);

  it("never suggests the requester", () => {
    const self = good("self");
    expect(ids(createMatchIndex([self, good("other")]), "survival analysis", self)).toEqual(["other"]);
  });

  it("never suggests people who opted out", () => {
    expect(ids(createMatchIndex([good("out", { optedOut: true }), good("in")]), "survival analysis")).toEqual(
      ["in"],
    );
  });

  it("never suggests people paused beyond now, and does once the pause is over", () => {
    const later = good("later", { pausedUntil: new Date("2025-04-01T00:00:00Z") });
    const over = good("over", { pausedUntil: new Date("2025-02-01T00:00:00Z") });
    expect(ids(createMatchIndex([later, over]), "survival analysis")).toEqual(["over"]);
  });

  it("never suggests someone the requester names in conflicts_with, whatever the case of the email", () => {
    const asker = matchProfile("asker", { conflictsWith: ["conflict@example.org"] });
    const index = createMatchIndex([good("conflict", { email: "Conflict@Example.org" }), good("fine")]);
    expect(ids(index, "survival analysis", asker)).toEqual(["fine"]);
  });

  it("never suggests someone who names the requester in their conflicts_with", () => {
    const asker = matchProfile("asker", { email: "Asker@Example.org" });
    const index = createMatchIndex([good("theirs", { conflictsWith: ["asker@example.org"] }), good("fine")]);
    expect(ids(index, "survival analysis", asker)).toEqual(["fine"]);
  });

  it("never suggests current partners, recorded on either side", () => {
    const asker = matchProfile("asker", { partnerIds: ["p1"] });
    const index = createMatchIndex([good("p1"), good("p2", { partnerIds: ["asker"] }), good("fine")]);
    expect(ids(index, "survival analysis", asker)).toEqual(["fine"]);
  });
});

describe("the rest of the score", () => {
  it("spreads the top five across institutions when good people exist elsewhere", () => {
    const big = Array.from({ length: 6 }, (_, i) =>
      statistician(`big${i}`, {
        institution: "Big University",
        offers: ["survival analysis", "sample size"],
      }),
    );
    // Good, though a little less so than the big group: survival analysis is a method of theirs, not an offer.
    const elsewhere = [
      statistician("small1", {
        institution: "Harrowgate District Hospital",
        offers: [],
        methods: ["survival analysis"],
      }),
      statistician("small2", {
        institution: "Lakeside Children's Hospital",
        offers: [],
        methods: ["survival analysis"],
      }),
    ];
    const top = ids(createMatchIndex([...big, ...elsewhere]), "survival analysis");
    expect(top).toHaveLength(5);
    expect(top).toContain("small1");
    expect(top).toContain("small2");
  });

  it("favours, a little, people outside the requester's own institution", () => {
    const home = statistician("a-home", { institution: requester.institution });
    const away = statistician("b-away", { institution: "Westmoor University" });
    expect(ids(createMatchIndex([home, away]), "survival analysis")).toEqual(["b-away", "a-home"]);
  });

  it("lightly penalises people already carrying many partnerships", () => {
    const busy = statistician("a-busy", { institution: "Same Place", activePartnerships: 5 });
    const free = statistician("b-free", { institution: "Same Place", activePartnerships: 1 });
    expect(ids(createMatchIndex([busy, free]), "survival analysis")).toEqual(["b-free", "a-busy"]);
    // Lightly: a busy expert still beats someone barely relevant.
    const barely = matchProfile("c-barely", { methods: ["regression"], institution: "Same Place" });
    expect(ids(createMatchIndex([busy, barely]), "survival analysis")[0]).toBe("a-busy");
  });

  it("lifts a candidate who needs what the requester offers, and says so", () => {
    const plain = statistician("a-plain", { institution: "Same Place" });
    const wantsCohort = statistician("b-wants", {
      institution: "Same Place",
      needs: ["access to a breast cancer cohort"],
    });
    const suggestions = createMatchIndex([plain, wantsCohort]).suggest(requester, "survival analysis", {
      now,
    });
    expect(suggestions.map((s) => s.personId)).toEqual(["b-wants", "a-plain"]);
    expect(suggestions[0]!.reason).toContain("which you offer");
  });

  it("prefers a complementary colleague to one of the same kind", () => {
    const sameKind = matchProfile("a-same", {
      institution: "Same Place",
      role: "Consultant medical oncologist",
      expertise: ["breast cancer", "oncology"],
      offers: ["survival analysis"],
    });
    const complement = statistician("b-comp", { institution: "Same Place" });
    expect(ids(createMatchIndex([sameKind, complement]), "survival analysis for breast cancer")).toEqual([
      "b-comp",
      "a-same",
    ]);
  });

  it("breaks exact ties by id, and respects the limit (five by default)", () => {
    const twins = ["t3", "t1", "t2"].map((id) => statistician(id, { institution: `Centre ${id}` }));
    expect(ids(createMatchIndex(twins), "survival analysis")).toEqual(["t1", "t2", "t3"]);
    const many = Array.from({ length: 9 }, (_, i) => statistician(`m${i}`));
    expect(ids(createMatchIndex(many), "survival analysis")).toHaveLength(5);
    expect(ids(createMatchIndex(many), "survival analysis", requester, 2)).toHaveLength(2);
  });
});

describe("reasons", () => {
  it("reads as one line built from what matched, without the need's own words", () => {
    const amira = statistician("amira", {
      institution: "Northfield University",
      role: "Senior lecturer in biostatistics",
      needs: ["access to cancer cohort data"],
    });
    const [s] = createMatchIndex([amira]).suggest(requester, "survival analysis on zebrafish tumour models", {
      now,
    });
    expect(s!.reason).toBe(
      "Senior lecturer in biostatistics at Northfield University who offers survival analysis and works on " +
        "biostatistics; " +
        "needs access to cancer cohort data, which you offer.",
    );
    expect(s!.reason).not.toMatch(/zebrafish/i);
    expect(s!.matched).toEqual(["survival analysis", "biostatistics"]);
  });

  it("stays under 200 characters however long the profile entries are", () => {
    const long = "a very long description of a method ".repeat(10);
    const reason = writeReason({
      role: "Professor of extraordinarily long job titles in the department of everything".repeat(2),
      institution: "The Institute With A Name That Goes On ".repeat(4),
      offers: [long, long],
      expertise: [long],
      methods: [long],
      mentoring: true,
      theyNeed: [long],
      youOffer: true,
    });
    expect(reason.length).toBeLessThanOrEqual(200);
    expect(reason).not.toMatch(/\n/);
  });
});

describe("the index", () => {
  it("adds, replaces and removes profiles", () => {
    const index = createMatchIndex([statistician("s1")]);
    expect(index.size).toBe(1);
    index.upsert(statistician("s2"));
    expect(index.size).toBe(2);
    expect(ids(index, "survival analysis")).toEqual(["s1", "s2"]);

    index.upsert(matchProfile("s1", { expertise: ["ethnography"] }));
    expect(index.size).toBe(2);
    expect(ids(index, "survival analysis")).toEqual(["s2"]);
    expect(ids(index, "ethnography")).toEqual(["s1"]);

    expect(index.remove("s2")).toBe(true);
    expect(index.remove("s2")).toBe(false);
    expect(index.size).toBe(1);
    expect(ids(index, "survival analysis")).toEqual([]);
  });

  it("stays consistent through many upserts and removals", () => {
    const profiles = syntheticProfiles(600, 7);
    const index = createMatchIndex(profiles);
    for (const p of profiles.slice(0, 400)) index.remove(p.id);
    for (const p of profiles.slice(0, 200)) index.upsert(p);
    const fresh = createMatchIndex([...profiles.slice(0, 200), ...profiles.slice(400)]);
    expect(index.size).toBe(fresh.size);
    for (const p of profiles.slice(0, 20)) {
      for (const need of [
        "biostatistician for a cancer cohort",
        "machine learning",
        "qualitative interviews",
      ]) {
        expect(index.suggest(p, need, { now })).toEqual(fresh.suggest(p, need, { now }));
      }
    }
  });

  it("gives each profile back as it was given, and leaves one that did not change as it is", () => {
    const profiles = syntheticProfiles(300, 5);
    const index = createMatchIndex(profiles);
    for (const p of profiles) {
      expect(index.get(p.id)).toEqual({
        ...p,
        department: p.department ?? null,
        role: p.role ?? null,
        careerStage: p.careerStage ?? null,
        pausedUntil: p.pausedUntil ?? null,
        openToMentoring: p.openToMentoring === true,
      });
      expect(index.partners(p.id)).toEqual({ active: p.activePartnerships, partnerIds: p.partnerIds });
    }
    expect(index.get("nobody")).toBeUndefined();
    expect(new Set(index.ids())).toEqual(new Set(profiles.map((p) => p.id)));
    const asker = profiles[0]!;
    const before = index.suggest(asker, "biostatistician for a cancer cohort", { now });
    for (const p of profiles) index.upsert({ ...p, expertise: [...p.expertise] });
    expect(index.suggest(asker, "biostatistician for a cancer cohort", { now })).toEqual(before);
    // Growing after a shrink.
    index.upsert(matchProfile("late", { offers: ["survival analysis"] }));
    index.shrink();
    index.upsert(matchProfile("later", { offers: ["survival analysis"] }));
    expect(index.size).toBe(302);
    expect(ids(index, "survival analysis", requester, 50)).toEqual(expect.arrayContaining(["late", "later"]));
  });

  it("gives publication topics back as they were given (packed three numbers a topic in the index)", () => {
    const topics = [
      { term: "Sepsis", papers: 3, from: 2019, to: 2025, weight: 1 },
      { term: "Biomarkers", papers: 1, from: 0, to: 0, weight: 0.125 },
      { term: "Survival Analysis", papers: 40_000, from: 1998, to: 2026, weight: 0 },
    ];
    const index = createMatchIndex([statistician("p1", { topics })]);
    expect(index.get("p1")?.topics).toEqual(topics);
    // The same profile again changes nothing, so it is read back equal.
    index.upsert(statistician("p1", { topics: topics.map((t) => ({ ...t })) }));
    expect(index.get("p1")?.topics).toEqual(topics);
  });

  it("keeps every rule on synthetic data at scale", () => {
    const profiles = syntheticProfiles(3000, 11);
    expect(syntheticProfiles(3000, 11)).toEqual(profiles);
    expect(new Set(profiles.map((p) => p.institution)).size).toBeGreaterThanOrEqual(30);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const index = createMatchIndex(profiles);
    for (const asker of profiles.slice(0, 60)) {
      const suggestions = index.suggest(asker, "statistics help for a diabetes cohort", { now });
      expect(suggestions.length).toBeLessThanOrEqual(5);
      for (const s of suggestions) {
        const c = byId.get(s.personId)!;
        expect(c.id).not.toBe(asker.id);
        expect(c.optedOut).toBe(false);
        expect(c.pausedUntil && c.pausedUntil > now).toBeFalsy();
        expect(asker.partnerIds).not.toContain(c.id);
        expect(c.partnerIds).not.toContain(asker.id);
        expect(s.reason.length).toBeGreaterThan(0);
      }
    }
  });
});
