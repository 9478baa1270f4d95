// The shapes the matching engine reads (a person's matchable profile) and returns (an explained suggestion).

export interface MatchProfile {
  id: string;
  email: string;
  name: string;
  institution: string;
  department?: string | null;
  role?: string | null;
  careerStage?: string | null;
  expertise: string[];
  methods: string[];
  offers: string[];
  needs: string[];
  /** Emails, lowercase. */
  conflictsWith: string[];
  optedOut: boolean;
  pausedUntil?: Date | null;
  activePartnerships: number;
  /** Ids of current partners. */
  partnerIds: string[];
  openToMentoring?: boolean;
}

export interface Suggestion {
  personId: string;
  score: number;
  /** One line a colleague would write, built only from what matched. */
  reason: string;
  /** The candidate's own profile entries that matched the need. */
  matched: string[];
  /** True when the need found no strong match and this person is only among the closest: say so to the user. */
  weak?: boolean;
}

export interface SuggestOptions {
  now: Date;
  /** How many suggestions at most; 5 when not given. */
  limit?: number;
}
