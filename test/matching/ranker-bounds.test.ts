// The ranker's shortcuts (skipping candidates who cannot enter its pool, stopping its walk early) change no answer:
// on random people and needs it suggests exactly what scoring every touched candidate suggests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticProfiles } from "../../bench/match-synthetic.ts";
import { createMatchIndex } from "../../src/core/matching/create-match-index.ts";
import type { MatchProfile } from "../../src/core/matching/types.ts";

const now = new Date("2026-03-02T10:00:00Z");

/** Pieces needs are made of: methods, clinical areas, settings, lay words, generic words and "I have … I need …". */
const pieces = [
  "biostatistician",
  "survival analysis",
  "breast cancer",
  "cohort",
  "machine learning",
  "heart failure",
  "qualitative researcher",
  "insulin pumps",
  "health economist",
  "cost-effectiveness",
  "systematic review",
  "depression",
  "childhood asthma",
  "a mentor",
  "grant application",
  "electronic health records",
  "clinical trial",
  "recruiting site",
  "data",
  "outcomes",
  "nursing",
  "hospital wards",
  "MRI scans",
  "someone to spot falls on our ward cameras",
  "coral reef ecology",
  "a mentor in machine learning",
  "someone to check our questionnaire really measures anxiety",
];
const joiners = [
  " for ",
  " with ",
  " and ",
  " in ",
  ". Is there anyone who could help with ",
  ", but we need ",
];

const need = fc
  .tuple(
    // Openings the fused scoring reads differently: a self-introduction ("Health economist looking for …") is what
    // the requester brings when their profile says so, "I build …" counts against people like them.
    fc.constantFrom(
      "",
      "I have ",
      "We built ",
      "As a statistician I ",
      "Health economist looking for ",
      "Biostatistician with trial experience looking for ",
      "I build machine learning models and need ",
      "Could someone mentor me in ",
    ),
    fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...joiners)), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([opening, parts]) =>
    `${opening}${parts.map(([piece, joiner]) => `${piece}${joiner}`).join("")}`.trim(),
  );

describe("the ranker's bounds", () => {
  it("suggest the same people, scores and reasons as scoring every candidate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 50, max: 2_500 }),
        fc.array(fc.tuple(need, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 8 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (seed, count, asks) => {
          // Some emails as people type them (the ranker compares emails trimmed and in lower case).
          const profiles: MatchProfile[] = syntheticProfiles(count, seed).map((p, i) =>
            i % 7 === 0 ? { ...p, email: ` ${p.email.toUpperCase()}` } : p,
          );
          const fast = createMatchIndex(profiles);
          const straightforward = createMatchIndex(profiles, { exhaustive: true });
          // Keeping only as many as are shown, a candidate the bounds skipped wrongly would be missing from the answer
          // (with the usual pool of four times the limit, such a candidate is usually not among those shown).
          const fastSmall = createMatchIndex(profiles, { poolSize: 5 });
          const straightforwardSmall = createMatchIndex(profiles, { exhaustive: true, poolSize: 5 });
          for (const [text, who, variant, limit] of asks) {
            const base = profiles[who % profiles.length]!;
            const other = profiles[(who * 31 + 7) % profiles.length]!;
            // Requesters with no department, early in their career, in conflict with or partnered to someone.
            const requester: MatchProfile = {
              ...base,
              department: variant % 3 === 0 ? null : base.department,
              careerStage: variant % 4 === 0 ? "doctoral student" : base.careerStage,
              conflictsWith: variant % 5 === 0 ? [other.email.trim().toLowerCase()] : base.conflictsWith,
              partnerIds: variant % 6 === 0 ? [...base.partnerIds, other.id] : base.partnerIds,
              // A requester whose own profile confirms what the need's opening says they bring.
              expertise:
                variant % 7 === 0
                  ? [...base.expertise, "health economics", "biostatistics", "machine learning"]
                  : base.expertise,
            };
            const options = { now, limit };
            expect(fast.suggest(requester, text, options)).toEqual(
              straightforward.suggest(requester, text, options),
            );
            const small = { now, limit: 5 };
            expect(fastSmall.suggest(requester, text, small)).toEqual(
              straightforwardSmall.suggest(requester, text, small),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
