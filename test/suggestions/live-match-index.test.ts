// The live match index: one lazy build, top-ups from the database's versions, erased people dropped, cold starts.
import { describe, expect, it } from "vitest";
import { slackTraits } from "../../src/bots/slack/slack-traits.ts";
import { createAccess } from "../../src/core/access/access.ts";
import { strictFreeTextGuard } from "../../src/core/free-text.ts";
import type { MatchProfile } from "../../src/core/matching/types.ts";
import type { PersonRef } from "../../src/core/message.ts";
import { createFindFeature } from "../../src/core/suggestions/create-find-feature.ts";
import { createLiveMatchIndex } from "../../src/core/suggestions/create-live-match-index.ts";
import type { MatchSource, Partners } from "../../src/core/suggestions/match-source-port.ts";
import { matchProfile } from "../helpers/match-profiles.ts";

const now = new Date("2026-03-02T10:00:00Z");
const log = { info: () => {}, warn: () => {}, error: () => {} };

const statistician = (id: string) =>
  matchProfile(id, {
    role: "Medical statistician",
    expertise: ["biostatistics"],
    offers: ["survival analysis"],
  });

/** A database stand-in: profiles with change times, and counts of what the index asked. */
function fakeSource(initial: MatchProfile[]) {
  const rows = new Map(initial.map((p) => [p.id, { profile: p, at: 1 }]));
  let clock = 1;
  let partnerships = "0";
  const partners = new Map<string, Partners>();
  const calls = {
    loadAll: 0,
    loadChangedSince: [] as string[],
    loadProfiles: [] as string[][],
    loadPartners: 0,
  };
  let gate: Promise<void> = Promise.resolve();
  const source: MatchSource = {
    peopleVersion: async () => String(Math.max(0, ...[...rows.values()].map((r) => r.at))),
    partnershipsVersion: async () => partnerships,
    async loadAll() {
      calls.loadAll++;
      await gate;
      return {
        profiles: [...rows.values()].map((r) => r.profile),
        peopleAt: await source.peopleVersion(),
        partnerships,
      };
    },
    async loadChangedSince(since) {
      calls.loadChangedSince.push(since);
      return [...rows.values()].filter((r) => r.at >= Number(since)).map((r) => r.profile);
    },
    async loadProfiles(ids) {
      calls.loadProfiles.push([...ids]);
      return ids.flatMap((id) => {
        const row = rows.get(id);
        return row ? [row.profile] : [];
      });
    },
    async loadPartners() {
      calls.loadPartners++;
      return partners;
    },
  };
  return {
    source,
    calls,
    /** Another instance writes a profile. */
    write(profile: MatchProfile) {
      rows.set(profile.id, { profile, at: ++clock });
    },
    /** Erased without the index being told (the version does not move). */
    erase(id: string) {
      rows.delete(id);
    },
    partner(a: string, b: string) {
      partners.set(a, { active: 1, partnerIds: [b] });
      partners.set(b, { active: 1, partnerIds: [a] });
      partnerships = String(Number(partnerships) + 1);
    },
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}

const names = async (ids: readonly string[]) => new Map(ids.map((id) => [id, id]));

describe("the live match index", () => {
  it("builds once, on first use, however many ask at the same time", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1"), statistician("s2")]);
    const live = createLiveMatchIndex({ source: db.source, log });
    expect(live.ready).toBe(false);
    const results = await Promise.all(
      [1, 2, 3].map(() => live.suggest("req", "statistician", { now }, names)),
    );
    expect(db.calls.loadAll).toBe(1);
    expect(live.ready).toBe(true);
    for (const result of results) expect(result.suggestions.map((s) => s.ref).sort()).toEqual(["s1", "s2"]);
  });

  it("reloads by id what this instance changed, and by version what others changed", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1")]);
    const live = createLiveMatchIndex({ source: db.source, log });
    await live.refresh(now);

    db.write({ ...statistician("s1"), optedOut: true });
    live.changed(["s1"]);
    const mine = await live.suggest("req", "statistician", { now }, names);
    expect(db.calls.loadProfiles).toContainEqual(["s1"]);
    expect(mine.suggestions).toEqual([]);

    db.write(statistician("s2"));
    const theirs = await live.suggest("req", "statistician", { now }, names);
    expect(db.calls.loadChangedSince.length).toBeGreaterThan(0);
    expect(theirs.suggestions.map((s) => s.ref)).toEqual(["s2"]);
    expect(live.size).toBe(3);
  });

  it("reads others' changes beside the names and answers with them when they moved", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1")]);
    const live = createLiveMatchIndex({ source: db.source, log });
    await live.refresh(now);
    let lookups = 0;
    // Another instance adds a statistician while this query looks up its first names.
    const namesWhileWritten = async (ids: readonly string[]) => {
      if (lookups++ === 0) db.write(statistician("s2"));
      return names(ids);
    };
    const result = await live.suggest("req", "statistician", { now }, namesWhileWritten);
    expect(result.suggestions.map((s) => s.ref).sort()).toEqual(["s1", "s2"]);
    expect(lookups).toBe(2);
  });

  it("sees new partnerships (partners are not suggested to each other)", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1"), statistician("s2")]);
    const live = createLiveMatchIndex({ source: db.source, log, partnershipCheckMs: 0 });
    await live.refresh(now);
    db.partner("req", "s1");
    const result = await live.suggest("req", "statistician", { now }, names);
    expect(db.calls.loadPartners).toBe(1);
    expect(result.suggestions.map((s) => s.ref)).toEqual(["s2"]);
  });

  it("drops someone the resolver no longer knows (erased) and shows the next best", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1"), statistician("s2")]);
    const live = createLiveMatchIndex({ source: db.source, log });
    await live.refresh(now);
    db.erase("s1");
    const known = async (ids: readonly string[]) =>
      new Map(ids.filter((id) => id !== "s1").map((id) => [id, id]));
    const result = await live.suggest("req", "statistician", { now, limit: 1 }, known);
    expect(result.suggestions.map((s) => s.ref)).toEqual(["s2"]);
    expect(live.size).toBe(2);
  });

  it("goes over everyone again on schedule, in place: drops the erased and keeps the rest", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1"), statistician("s2")]);
    const live = createLiveMatchIndex({ source: db.source, log, rebuildMs: 60_000 });
    await live.refresh(now);
    db.erase("s1");
    await live.refresh(new Date(now.getTime() + 120_000));
    while (db.calls.loadAll < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(live.size).toBe(2);
    const result = await live.suggest("req", "statistician", { now }, names);
    expect(result.suggestions.map((s) => s.ref)).toEqual(["s2"]);
    expect(result.requester).toMatchObject({ id: "req", name: "Person req" });
  });

  it("answers null for a requester who has no profile", async () => {
    const db = fakeSource([statistician("s1")]);
    const live = createLiveMatchIndex({ source: db.source, log });
    const result = await live.suggest("nobody", "statistician", { now }, names);
    expect(result).toEqual({ requester: null, suggestions: [] });
  });

  it("tells the asker to ask again when the first build outlasts Slack's deadline, and answers once built", async () => {
    const db = fakeSource([matchProfile("req"), statistician("s1")]);
    const release = db.hold();
    const matches = createLiveMatchIndex({ source: db.source, log });
    const ref = (id: string): PersonRef => ({ id, name: id, identities: [] });
    const feature = createFindFeature({
      matches,
      directory: { personRefs: async (ids) => new Map(ids.map((id) => [id, ref(id)])) },
      findRequests: { record: async () => 1, byId: async () => null, prune: async () => 0 },
      coldStartWaitMs: 20,
      freeText: strictFreeTextGuard,
    });
    const command = feature.commands![0]!;
    const address = { platform: "slack" as const, tenantId: "T1", userId: "U1" };
    const context = {
      actor: { address, door: slackTraits },
      personId: "req",
      args: "statistician",
      now,
      access: createAccess(
        {
          grantsOf: async () => ({ admin: false, mentor: false, programmes: [] }),
          visibleAmong: async () => new Set<string>(),
        },
        address,
        "req",
      ),
    };
    const early = await command.run(context);
    expect(early.kind === "message" && early.message.summary).toContain("ask again in a few seconds");
    release();
    await matches.refresh(now);
    const later = await command.run(context);
    expect(later.kind === "message" && later.message.summary).toMatch(/(person|people) who could help/);
    expect(db.calls.loadAll).toBe(1);
  });
});
