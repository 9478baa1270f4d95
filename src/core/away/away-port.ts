// What `/collab away` needs from storage; src/db/away-store.ts implements it.
import type { AwayRange } from "../calendar/person-calendar.ts";

export interface AwayEntry extends AwayRange {
  /** Seen by the person only. */
  reason: string | null;
}

export interface AwayStore {
  /** The person's zone (as check-ins use it) and their days away that end today or later there. */
  awayOf(personId: string, now: Date): Promise<{ zone: string; entries: AwayEntry[] }>;
  add(personId: string, entry: AwayEntry): Promise<void>;
  /** Removes the days away that end today or later (`today` in the person's zone); returns how many. */
  clear(personId: string, today: string): Promise<number>;
}
