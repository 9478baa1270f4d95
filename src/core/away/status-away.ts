// Days away read from a person's chat status ("Out of office", a holiday emoji, with its expiry), asked of the
// platform just before their prompt or reminder is decided, and kept as days away so every check-in rule applies.
import { DateTime } from "luxon";
import type { ChatAddress, Platform } from "../message.ts";
import { safeZone } from "../schedule/working-time.ts";

/** What a platform's status says: away, until an instant (null: no expiry given, so for the day). */
export interface StatusAway {
  until: Date | null;
  /** The status as the person wrote it, kept as the reason (seen by them only). */
  label: string;
}

/** A door that can tell a person's status; null when they are not away or it cannot be read (e.g. no scope). */
export interface StatusAwayLookup {
  awayOf(address: ChatAddress): Promise<StatusAway | null>;
}

/** A person whose prompt or reminder is about to be decided, and where they can be asked. */
export interface StatusAwayCandidate {
  personId: string;
  zone: string;
  address: ChatAddress;
}

export interface StatusAwayStore {
  /**
   * People with a chat identity on one of `platforms` and a pending prompt due by `now`, or (with `sentBefore`) a
   * delivered prompt sent before it, unanswered and not reminded, in a period still open.
   */
  candidates(query: {
    now: Date;
    platforms: readonly Platform[];
    sentBefore?: Date;
  }): Promise<StatusAwayCandidate[]>;
  /** Records (or replaces) the person's days away read from their status. */
  markAway(personId: string, range: { from: string; to: string; reason: string }): Promise<void>;
}

export interface StatusAwayRefresh {
  /** Asks about everyone due now, or due a reminder (each at most once an hour); returns how many are away. */
  refresh(now: Date, sentBefore?: Date): Promise<number>;
}

const ASK_AGAIN_AFTER_MS = 3_600_000;

/** Words and emoji that mean the person is away, as people set them in their status. */
const AWAY_TEXT =
  /\b(out of (the )?office|ooo|on (holiday|vacation|leave)|annual leave|on annual leave|parental leave|sick leave)\b/i;
const AWAY_EMOJI = new Set([":palm_tree:", ":airplane:", ":desert_island:", ":beach_with_umbrella:"]);

/** Whether a status text and emoji say the person is away. */
export function isAwayStatus(text: string, emoji: string): boolean {
  return AWAY_TEXT.test(text) || AWAY_EMOJI.has(emoji.trim());
}

/**
 * The days, on the person's calendar, that a status away until `until` covers: from today to the day the status
 * ends (an expiry at midnight ends the day before); without an expiry, today only.
 */
export function statusAwayDays(status: StatusAway, now: Date, zone: string): { from: string; to: string } {
  const local = DateTime.fromJSDate(now, { zone: safeZone(zone) });
  const from = local.toISODate()!;
  if (!status.until || status.until.getTime() <= now.getTime()) return { from, to: from };
  const last = DateTime.fromMillis(status.until.getTime() - 1, { zone: safeZone(zone) }).toISODate()!;
  return { from, to: last < from ? from : last };
}

export function createStatusAwayRefresh(deps: {
  store: StatusAwayStore;
  lookups: Partial<Record<Platform, StatusAwayLookup>>;
}): StatusAwayRefresh {
  const asked = new Map<string, number>();
  return {
    async refresh(now, sentBefore) {
      const platforms = (Object.keys(deps.lookups) as Platform[]).filter((p) => deps.lookups[p]);
      if (platforms.length === 0) return 0;
      for (const [key, at] of asked) if (now.getTime() - at >= ASK_AGAIN_AFTER_MS) asked.delete(key);
      let away = 0;
      for (const candidate of await deps.store.candidates({
        now,
        platforms,
        ...(sentBefore ? { sentBefore } : {}),
      })) {
        const { platform, tenantId, userId } = candidate.address;
        const key = `${platform} ${tenantId} ${userId}`;
        if (asked.has(key)) continue;
        asked.set(key, now.getTime());
        const status = await deps.lookups[platform]?.awayOf(candidate.address);
        if (!status) continue;
        away++;
        await deps.store.markAway(candidate.personId, {
          ...statusAwayDays(status, now, candidate.zone),
          reason: status.label,
        });
      }
      return away;
    },
  };
}
