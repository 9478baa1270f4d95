// The match index kept fresh from the database: built on first use, then topped up with what changed before each query.
import { createMatchIndex, type MatchIndex, sameStrings } from "../matching/create-match-index.ts";
import type { MatchProfile, Suggestion, SuggestOptions } from "../matching/types.ts";
import type { Log } from "../ports.ts";
import type { ProfileChanges } from "../profile/profile-port.ts";
import type { MatchSource } from "./match-source-port.ts";

export interface LiveMatchIndexOptions {
  source: MatchSource;
  log: Log;
  /** Rebuild everything this often (in the background), to catch what the cheap checks cannot see (erasures). */
  rebuildMs?: number;
  /** Ask for the newest profile change at most this often; 0 (the default) asks before every query. */
  checkMs?: number;
  /** Ask whether partnerships changed at most this often (others' partnerships only change the load penalty). */
  partnershipCheckMs?: number;
}

export interface Suggested<T> {
  suggestion: Suggestion;
  ref: T;
}

export interface LiveMatchIndex extends ProfileChanges {
  /**
   * Up to `limit` suggestions for the requester, each resolved by `resolve` (e.g. to a name for the message);
   * someone `resolve` does not know any more (erased) is dropped from the index and replaced by the next best.
   * `requester` is null when the requester has no profile.
   */
  suggest<T>(
    requesterId: string,
    need: string,
    options: SuggestOptions,
    resolve: (personIds: readonly string[]) => Promise<Map<string, T>>,
  ): Promise<{ requester: MatchProfile | null; suggestions: Suggested<T>[] }>;
  /** Brings the index up to date now (the first call builds it). */
  refresh(now?: Date): Promise<void>;
  /** Whether the index has been built (after a start, the first query builds it). */
  readonly ready: boolean;
  readonly size: number;
}

export function createLiveMatchIndex(options: LiveMatchIndexOptions): LiveMatchIndex {
  const { source, log } = options;
  const rebuildMs = options.rebuildMs ?? 15 * 60_000;
  const checkMs = options.checkMs ?? 0;
  const partnershipCheckMs = options.partnershipCheckMs ?? 30_000;
  // The index is the only copy of the profiles: a requester is read back from it (see MatchIndex.get).
  let index: MatchIndex | null = null;
  let peopleAt: string | null = null;
  let partnershipsAt = "";
  let builtAt = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let partnershipsCheckedAt = Number.NEGATIVE_INFINITY;
  /** People this instance changed: reloaded by id before the next query, whatever the versions say. */
  const dirty = new Set<string>();
  let refreshing: Promise<void> | null = null;
  let checkingPeople: Promise<boolean> | null = null;
  let toppingUpOwn: Promise<void> | null = null;
  let rebuilding: Promise<void> | null = null;
  /** People updated while a rebuild was loading: its snapshot may predate them, so they are reloaded after. */
  const touchedDuringBuild = new Set<string>();
  let building = false;

  function put(profile: MatchProfile): void {
    if (building) touchedDuringBuild.add(profile.id);
    index?.upsert(profile);
  }

  function drop(id: string): void {
    if (building) touchedDuringBuild.add(id);
    index?.remove(id);
  }

  async function build(nowMs: number): Promise<void> {
    const started = Date.now();
    building = true;
    // The first build fills a new index; later ones go over everyone again in place, changing who changed and
    // dropping who is gone (a second index beside the first would double the memory for a while). Profiles come
    // a page at a time, so that they never all exist as objects at once.
    const target = index ?? createMatchIndex();
    /** Who the database still has (a first build has no one to drop). */
    const seen = index ? new Set<string>() : null;
    const take = (page: readonly MatchProfile[]) => {
      for (const profile of page) {
        seen?.add(profile.id);
        target.upsert(profile);
      }
    };
    let loaded: Awaited<ReturnType<MatchSource["loadAll"]>>;
    try {
      loaded = await source.loadAll(take);
    } finally {
      building = false;
    }
    take(loaded.profiles);
    if (seen) {
      const gone = [...target.ids()].filter((id) => !seen.has(id) && !touchedDuringBuild.has(id));
      for (const id of gone) target.remove(id);
    }
    for (const id of touchedDuringBuild) dirty.add(id);
    touchedDuringBuild.clear();
    target.shrink();
    index = target;
    peopleAt = loaded.peopleAt;
    partnershipsAt = loaded.partnerships;
    builtAt = nowMs;
    checkedAt = nowMs;
    partnershipsCheckedAt = nowMs;
    log.info({ profiles: target.size, ms: Date.now() - started }, "Match index built");
  }

  async function applyPartners(): Promise<void> {
    const partners = await source.loadPartners();
    const current = index;
    if (!current) return;
    for (const id of [...current.ids()]) {
      const had = current.partners(id)!;
      const now = partners.get(id) ?? { active: 0, partnerIds: [] };
      if (had.active === now.active && sameStrings(had.partnerIds, now.partnerIds)) continue;
      put({ ...current.get(id)!, partnerIds: now.partnerIds, activePartnerships: now.active });
    }
  }

  /** Reads the people version and takes in what others changed since the last; true when it had moved. */
  async function takePeopleChanges(nowMs: number): Promise<boolean> {
    checkedAt = nowMs;
    const current = await source.peopleVersion();
    if (current === peopleAt) return false;
    const since = peopleAt;
    peopleAt = current;
    if (since) for (const profile of await source.loadChangedSince(since)) put(profile);
    return true;
  }

  /** `takePeopleChanges`, shared by everyone who asks while it runs (they all wait for the changes). */
  function checkPeople(nowMs: number): Promise<boolean> {
    checkingPeople ??= takePeopleChanges(nowMs).finally(() => {
      checkingPeople = null;
    });
    return checkingPeople;
  }

  async function topUp(nowMs: number, withPeople: boolean): Promise<void> {
    if (dirty.size > 0) {
      const ids = [...dirty];
      dirty.clear();
      const found = await source.loadProfiles(ids);
      const seen = new Set(found.map((p) => p.id));
      for (const profile of found) put(profile);
      for (const id of ids) if (!seen.has(id)) drop(id);
    }
    if (withPeople && nowMs - checkedAt >= checkMs) await checkPeople(nowMs);
    if (nowMs - partnershipsCheckedAt >= partnershipCheckMs) {
      partnershipsCheckedAt = nowMs;
      const current = await source.partnershipsVersion();
      if (current !== partnershipsAt) {
        partnershipsAt = current;
        await applyPartners();
      }
    }
  }

  function startRebuild(nowMs: number): void {
    if (rebuilding) return;
    rebuilding = build(nowMs)
      .catch((error: unknown) => log.error({ err: (error as Error).message }, "Match index rebuild failed"))
      .finally(() => {
        rebuilding = null;
      });
  }

  /**
   * Brings the index up to date; with `withPeople` false, all but other instances' profile changes (the caller
   * checks those itself, beside its next round trip).
   */
  async function refreshIndex(nowMs: number, withPeople: boolean): Promise<void> {
    if (!index) {
      // Everyone waiting for the first build shares it.
      rebuilding ??= build(nowMs).finally(() => {
        rebuilding = null;
      });
      await rebuilding;
      return;
    }
    if (Math.abs(nowMs - builtAt) > rebuildMs) startRebuild(nowMs);
    if (!withPeople) {
      // Only what this instance changed and the partnerships: the people version is read by the caller.
      if (dirty.size === 0 && nowMs - partnershipsCheckedAt < partnershipCheckMs) return;
      toppingUpOwn ??= topUp(nowMs, false).finally(() => {
        toppingUpOwn = null;
      });
      await toppingUpOwn;
      return;
    }
    refreshing ??= topUp(nowMs, true).finally(() => {
      refreshing = null;
    });
    await refreshing;
  }

  async function refresh(now = new Date()): Promise<void> {
    await refreshIndex(now.getTime(), true);
  }

  return {
    async suggest(requesterId, need, options, resolve) {
      const nowMs = options.now.getTime();
      // Once built, other instances' changes are looked for beside the names (one round trip before the answer
      // instead of two); when the people version had moved, the changes are taken in and the query runs again,
      // so the answer is as fresh as when the version was read first.
      let peopleLater = index !== null && nowMs - checkedAt >= checkMs;
      await refreshIndex(nowMs, !peopleLater);
      let requester = index!.get(requesterId) ?? null;
      if (!requester) {
        const [loaded] = await source.loadProfiles([requesterId]);
        if (!loaded) return { requester: null, suggestions: [] };
        put(loaded);
        requester = loaded;
      }
      for (let attempt = 0; ; attempt++) {
        const suggestions = index!.suggest(requester, need, options);
        const [refs, moved] = await Promise.all([
          resolve(suggestions.map((s) => s.personId)),
          peopleLater ? checkPeople(nowMs) : false,
        ]);
        if (moved) {
          peopleLater = false;
          requester = index!.get(requesterId) ?? requester;
          attempt--;
          continue;
        }
        peopleLater = false;
        const missing = suggestions.filter((s) => !refs.has(s.personId));
        if (missing.length === 0 || attempt >= 2) {
          return {
            requester,
            suggestions: suggestions.flatMap((suggestion) => {
              const ref = refs.get(suggestion.personId);
              return ref === undefined ? [] : [{ suggestion, ref }];
            }),
          };
        }
        for (const s of missing) drop(s.personId);
      }
    },
    refresh,
    changed(personIds) {
      for (const id of personIds) dirty.add(id);
    },
    get ready() {
      return index !== null;
    },
    get size() {
      return index?.size ?? 0;
    },
  };
}
