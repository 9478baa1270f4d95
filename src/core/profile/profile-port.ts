// What the profile feature needs from storage and from the platforms; src/db and src/bots implement it.
import type { ChatAddress } from "../message.ts";

/** What a person edits about themselves in the profile form. */
export interface ProfileFields {
  name: string;
  institution: string;
  department: string | null;
  role: string | null;
  /** Early career, mid-career or senior: the matcher pairs early-career people with mentors. */
  careerStage: string | null;
  expertise: string[];
  methods: string[];
  offers: string[];
  needs: string[];
  timezone: string | null;
  /** Public holidays: ISO 3166-1 alpha-2 and date-holidays' region code; null country: the zone's, if unambiguous. */
  country: string | null;
  region: string | null;
  openToMentoring: boolean;
  /** The ORCID iD, canonical (0000-0002-1825-0097), or null. */
  orcid: string | null;
  /** The person keeps their papers out of matching and of what others see. */
  publicationsOff: boolean;
}

export interface Profile extends ProfileFields {
  personId: string;
  /** null when the bot made the person from a chat identity and has no real address for them yet. */
  email: string | null;
  optedOut: boolean;
  pausedUntil: Date | null;
}

/** One of a person's papers as they see it in `papers`. */
export interface OwnPaper {
  publicationId: string;
  title: string;
  year: number | null;
  journal: string | null;
  hidden: boolean;
}

export interface ProfileStore {
  profileOf(personId: string): Promise<Profile | null>;
  /** The time zone the platform reported for this chat identity (Teams clientInfo, Slack users.info), if any. */
  platformTimezone(address: ChatAddress): Promise<string | null>;
  recordPlatformTimezone(address: ChatAddress, timezone: string): Promise<void>;
  /**
   * Saves a person's own profile. A chat identity that is not linked to anyone yet gets a new person, linked to
   * it; returns the person's id.
   */
  saveOwnProfile(address: ChatAddress, personId: string | null, fields: ProfileFields): Promise<string>;
  /** The person's papers, newest first (at most `limit`). */
  papersOf(personId: string, limit: number): Promise<OwnPaper[]>;
  /** Hides a paper from the person's matching evidence, or shows it again; false when it is not theirs. */
  setPaperHidden(personId: string, publicationId: string, hidden: boolean): Promise<boolean>;
  /** Takes a person out of suggestions and prompts (opted out, or paused until a time) or back in. */
  setAvailability(
    personId: string,
    availability: { optedOut: boolean; pausedUntil: Date | null },
  ): Promise<void>;
}

/** Asks a platform for a person's time zone when it has not told us yet (Slack users.info). */
export interface TimezoneLookup {
  timezoneOf(address: ChatAddress): Promise<string | undefined>;
}

/** Told when people's matchable data changes, so that the match index picks it up at once. */
export interface ProfileChanges {
  changed(personIds: readonly string[]): void;
}
