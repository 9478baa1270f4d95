// Soak: for SOAK_SECONDS (default 20) of real time the Slack and Teams fakes answer 500, 429 + Retry-After and hang
// (a network timeout: the request is dropped unprocessed) among successes, while a day of check-ins goes out
// through the real checkins job, outbox and delivery worker; after they recover, every prompt arrives exactly once.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prng } from "../../bench/match-synthetic.ts";
import type { Db } from "../../src/db/client.ts";
import { outbox } from "../../src/db/schema.ts";
import { createDeliveryWorker } from "../../src/delivery/delivery-worker.ts";
import type { FakeReply } from "../fakes/http-fake.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import { createCapturingLogger, startTestApp, type TestApp } from "../helpers/test-app.ts";

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
/**
 * The outbox's retry back-off scales with the soak (its first retry after 1 s, as in production, for a 60 s soak):
 * rows still fail again and again during the faults, and the drain after them stays as short relative to the soak.
 */
const RETRY_BASE_MS = Math.round((SOAK_SECONDS * 1000) / 60);
const PAIRS = 200; // 400 members: each a Slack member and a Teams member of one partnership
/** A client gives up on a request after this long; a hung request is then retried by the outbox. */
const REQUEST_TIMEOUT_MS = 2_000;
/**
 * The second instance's lease on the rows it claims: short, so that its slow rows are taken over (5 s in a 60 s
 * soak, scaled with it like the back-off, so that a short soak takes rows over as often).
 */
const SECOND_LEASE_MS = Math.round((5_000 * SOAK_SECONDS) / 60);
/** After the faults stop: backoff after a run of failures reaches a minute or two, plus pacing. */
const DRAIN_LIMIT_MS = 240_000;
// Members are spread over these zones; each zone's prompts are due at 10:00 local on Tuesday 17 November 2026.
const ZONES = [
  "Pacific/Auckland",
  "Australia/Sydney",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Africa/Nairobi",
  "Europe/Berlin",
  "Europe/London",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
];

type FaultKind = "500" | "429" | "hang";

describe(`delivery through ${SOAK_SECONDS} s of 500s, 429s and timeouts on Slack and Teams`, () => {
  let t: TestApp;
  let db: Db;
  const seed = Number(process.env.SOAK_SEED ?? 7);
  const faults = { slack: { "500": 0, "429": 0, hang: 0 }, teams: { "500": 0, "429": 0, hang: 0 } };

  beforeAll(async () => {
    t = await startTestApp(
      {},
      { requestTimeoutMs: REQUEST_TIMEOUT_MS, delivery: { retryBaseMs: RETRY_BASE_MS } },
    );
    db = t.database.db;
    // Bolt checks its token with auth.test at start and nobody awaits it: let it finish before the machine is busy.
    await vi.waitFor(() => expect(t.slackApi.callsTo("auth.test")).toHaveLength(1), { timeout: 10_000 });
    for (let p = 0; p < PAIRS; p++) {
      const slack = await seedPerson(db, {
        email: `slack${p}@soak.example.org`,
        timezone: ZONES[(2 * p) % ZONES.length]!,
        slackUserId: `U0SOAK${String(p).padStart(4, "0")}`,
      });
      const teams = await seedPerson(db, {
        email: `teams${p}@soak.example.org`,
        timezone: ZONES[(2 * p + 1) % ZONES.length]!,
        teams: { aadObjectId: `aad-soak-${p}`, serviceUrl: t.connector.serviceUrl },
      });
      await seedPartnership(db, {
        title: `Soak partnership ${p}`,
        members: [slack, teams],
        weekday: 2,
        localHour: 10,
        startedAt: "2026-11-01T00:00:00Z",
      });
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it(
    "delivers every prompt exactly once and leaves no row failed or pending",
    async () => {
      const next = prng(seed);
      const soakMs = SOAK_SECONDS * 1000;
      const startedAt = Date.now();
      const elapsed = () => (Date.now() - startedAt) / soakMs;
      /** 20 % 500, 15 % 429 with Retry-After, 10 % hang, else through; and a full outage for a tenth of the soak. */
      const decide = (platform: "slack" | "teams"): FakeReply | undefined => {
        if (Date.now() - startedAt >= soakMs) return undefined;
        const outage = elapsed() >= 0.4 && elapsed() < 0.5;
        const roll = outage ? 0 : next();
        let kind: FaultKind | null = null;
        if (roll < 0.2) kind = "500";
        else if (roll < 0.35) kind = "429";
        else if (roll < 0.45) kind = "hang";
        if (!kind) return undefined;
        faults[platform][kind]++;
        if (kind === "hang") return { hang: true };
        if (kind === "429") {
          return {
            status: 429,
            headers: { "retry-after": "1" },
            body:
              platform === "slack" ? { ok: false, error: "ratelimited" } : { error: { code: "Throttled" } },
          };
        }
        return {
          status: 500,
          body:
            platform === "slack" ? { ok: false, error: "internal_error" } : { error: { code: "Internal" } },
        };
      };
      t.slackApi.injectFaults((method) => (method === "chat.postMessage" ? decide("slack") : undefined));
      t.connector.injectFaults((kind) => (kind === "send" || kind === "reply" ? decide("teams") : undefined));
      // A second instance shares the outbox: a slow one (two sends at a time) with a short lease, so that rows it
      // claimed wait past their lease and the first instance takes them over; neither may send one twice.
      const second = createDeliveryWorker({
        db,
        senders: t.app.senders,
        logger: createCapturingLogger(t.logLines),
        leaseMs: SECOND_LEASE_MS,
        concurrency: 2,
        retryBaseMs: RETRY_BASE_MS,
      });
      t.app.delivery.start();
      second.start();

      // A day of check-ins compressed into the soak: the job runs as of 10:01 local in each zone in turn.
      const checkins = t.app.jobs.find((j) => j.name === "checkins")!;
      const waves = ZONES.map((zone) => DateTime.fromISO("2026-11-17T10:01", { zone }).toJSDate()).sort(
        (a, b) => a.getTime() - b.getTime(),
      );
      let sentByJob = 0;
      for (const [i, at] of waves.entries()) {
        const due = startedAt + (i * soakMs) / waves.length;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        const result = await checkins.run(at);
        sentByJob += result.counts?.sent ?? 0;
      }
      const soakLeft = startedAt + soakMs - Date.now();
      if (soakLeft > 0) await new Promise((r) => setTimeout(r, soakLeft));
      const recoveredAt = Date.now();

      for (;;) {
        const rows = await db.select({ status: outbox.status }).from(outbox);
        if (rows.every((r) => r.status !== "pending")) break;
        if (Date.now() - recoveredAt > DRAIN_LIMIT_MS) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const drainedAt = Date.now();
      await Promise.all([t.app.delivery.stop(), second.stop()]);

      const rows = await db.select().from(outbox);
      expect(sentByJob).toBe(2 * PAIRS);
      expect(rows).toHaveLength(2 * PAIRS);
      expect(rows.filter((r) => r.status !== "sent").map((r) => [r.id, r.status, r.lastError])).toEqual([]);
      expect(rows.filter((r) => r.lockedUntil !== null)).toEqual([]);

      // Each successful call at the fakes is one delivery; every row's recorded id names exactly one of them.
      const slackDelivered = t.slackApi.callsTo("chat.postMessage").filter((c) => c.answer?.ok === true);
      const teamsDelivered = t.connector.calls.filter(
        (c) => (c.kind === "send" || c.kind === "reply") && c.replyId,
      );
      const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
        const counts = new Map<string, number>();
        for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
        return counts;
      };
      const slackRows = rows.filter((r) => r.platform === "slack");
      const teamsRows = rows.filter((r) => r.platform === "teams");
      expect(slackRows).toHaveLength(PAIRS);
      expect(teamsRows).toHaveLength(PAIRS);
      const slackById = countBy(slackDelivered, (c) => String(c.answer?.ts));
      const teamsById = countBy(teamsDelivered, (c) => c.replyId!);
      expect(slackRows.filter((r) => slackById.get(r.platformMessageId ?? "") !== 1)).toEqual([]);
      expect(teamsRows.filter((r) => teamsById.get(r.platformMessageId ?? "") !== 1)).toEqual([]);

      // None twice: one delivery per row, so one per recipient (each member has one prompt this week).
      expect(slackDelivered).toHaveLength(slackRows.length);
      expect(teamsDelivered).toHaveLength(teamsRows.length);
      const perSlackUser = countBy(slackDelivered, (c) => `${c.args.channel} ${c.args.text}`);
      const perTeamsUser = countBy(
        teamsDelivered,
        (c) => `${c.conversationId} ${JSON.stringify(c.activity)}`,
      );
      expect([...perSlackUser.values()].filter((n) => n !== 1)).toEqual([]);
      expect([...perTeamsUser.values()].filter((n) => n !== 1)).toEqual([]);
      expect(perSlackUser.size).toBe(PAIRS);
      expect(new Set(teamsDelivered.map((c) => c.conversationId)).size).toBe(PAIRS);

      const injected = Object.values(faults).flatMap((byKind) => Object.values(byKind));
      const retries = rows.reduce((sum, r) => sum + r.attempts - 1, 0);
      const takenOver = t.logLines.filter((line) => line.includes("taken over by another worker")).length;
      console.info(
        `soak: ${rows.length} messages over ${SOAK_SECONDS} s (seed ${seed}); faults slack ${JSON.stringify(faults.slack)} ` +
          `teams ${JSON.stringify(faults.teams)}; outbox retries ${retries} (max attempts ${Math.max(...rows.map((r) => r.attempts))}); ` +
          `rows taken over between instances ${takenOver}; ` +
          `drained ${((drainedAt - recoveredAt) / 1000).toFixed(1)} s after recovery; duplicates 0, lost 0`,
      );
      expect(injected.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // The soak met every kind of fault on both platforms, and the instances took rows over from each other.
      expect(injected.filter((n) => n === 0)).toEqual([]);
      expect(takenOver).toBeGreaterThan(0);
    },
    (SOAK_SECONDS + DRAIN_LIMIT_MS / 1000 + 60) * 1000,
  );
});
