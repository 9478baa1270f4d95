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
  /** MeSH descriptors of the person's papers (not hidden, publications not turned off), strongest first. */
  topics?: PublicationTopic[];
}

/** A MeSH descriptor of a person's papers: how many papers, which years, and its weight (0 to 1, by major topic and recency). */
export interface PublicationTopic {
  term: string;
  papers: number;
  /** Years of the first and last paper; 0 when unknown. */
  from: number;
  to: number;
  weight: number;
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
  /**
   * People the requester found "not a good fit": still ranked (the caller moves them down), but they do not set the
   * bar of who is close enough to show, so the people after them are not cut off because of them.
   */
  lowered?: ReadonlySet<string>;
}
