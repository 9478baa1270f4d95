// A match profile for the matching-engine and match-index tests: empty lists and no exclusions unless given.
import type { MatchProfile } from "../../src/core/matching/types.ts";

export function matchProfile(id: string, fields: Partial<MatchProfile> = {}): MatchProfile {
  return {
    id,
    email: `${id}@example.org`,
    name: `Person ${id}`,
    institution: `Institution of ${id}`,
    expertise: [],
    methods: [],
    offers: [],
    needs: [],
    conflictsWith: [],
    optedOut: false,
    pausedUntil: null,
    activePartnerships: 0,
    partnerIds: [],
    ...fields,
  };
}
