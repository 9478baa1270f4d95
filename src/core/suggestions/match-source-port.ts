// Where the match index reads profiles from (src/db implements it), and how it tells that something changed.
import type { MatchProfile } from "../matching/types.ts";

/** A person's active partnerships: how many, and who the partners are (sorted ids). */
export interface Partners {
  active: number;
  partnerIds: string[];
}

export interface MatchSource {
  /** The newest profile change, as the database writes it (to the microsecond); one index lookup. */
  peopleVersion(): Promise<string | null>;
  /** A summary of partnerships that changes when one starts, ends or changes status. */
  partnershipsVersion(): Promise<string>;
  /**
   * Every profile, with the versions taken before reading them. Given `take`, a source may hand the profiles
   * over a page at a time instead of returning them (`profiles` then holds the rest, often none), so that a
   * full load never holds them all as objects.
   */
  loadAll(
    take?: (page: MatchProfile[]) => void,
  ): Promise<{ profiles: MatchProfile[]; peopleAt: string | null; partnerships: string }>;
  /** Profiles changed at or after `since` (minus a safety margin for transactions that committed late). */
  loadChangedSince(since: string): Promise<MatchProfile[]>;
  /** These people's profiles as they are now; people who no longer exist are missing from the answer. */
  loadProfiles(personIds: readonly string[]): Promise<MatchProfile[]>;
  /** Everyone's active partnerships, for people who have any. */
  loadPartners(): Promise<Map<string, Partners>>;
}
