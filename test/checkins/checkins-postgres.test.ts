// On real PostgreSQL: three instances send each prompt once; a worker dying mid fan-out loses none; 429s and 500s delay, never double.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapabilityDeps } from "../../src/app/capabilities/capability.ts";
import { createCheckins } from "../../src/app/capabilities/checkins.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { claimDeliveries, markSent } from "../../src/db/outbox-store.ts";
import {
  chatIdentities,
  checkinPrompts,
  checkins,
  outbox,
  partnershipMembers,
  partnerships,
  people,
} from "../../src/db/schema.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/delivery-worker.ts";
import type { Job } from "../../src/jobs/job.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import { onPostgres } from "../helpers/database.ts";
import { createCapturingLogger, type TestApp } from "../helpers/test-app.ts";

const PAIRS = 300; // 600 members, more than one claim batch (500)
const fast = {
  slack: { tenant: { perSecond: 5000, burst: 500 }, conversation: { perSecond: 10, burst: 3 } },
};

describe.skipIf(!onPostgres)("check-ins on PostgreSQL with several instances", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z");
  let t: TestApp;
  const pools: Database[] = [];
  const instances: { jobs: Job[]; scheduler: Scheduler; delivery: DeliveryWorker; db: Database["db"] }[] = [];
  const logger = createCapturingLogger([]);

  /** Slack posts since `from`, counted by channel (each member is one channel). */
  const postsByChannel = (from: number) => {
    const counts = new Map<string, number>();
    for (const call of t.slackApi.calls.slice(from)) {
      if (call.method !== "chat.postMessage") continue;
      const channel = String(call.args.channel);
      counts.set(channel, (counts.get(channel) ?? 0) + 1);
    }
    return counts;
  };
  const checkinsOf = (i: number) => instances[i]!.jobs.find((j) => j.name === "checkins")!;

  beforeAll(async () => {
    t = await startClockedApp(clock);
    const url = t.database.url!;
    // Each instance has its own connection pool on the same database, as three bot processes would.
    for (let i = 0; i < 3; i++) {
      const database = await openDatabase({ kind: "postgres", url, maxConnections: 4 });
      pools.push(database);
      const { jobs } = createCheckins(createCapabilityDeps({ config: t.config, db: database.db, logger }));
      instances.push({
        db: database.db,
        jobs,
        scheduler: createScheduler({
          db: database.db,
          jobs,
          logger,
          instanceId: `instance-${i}`,
          now: clock.now,
        }),
        delivery: createDeliveryWorker({
          db: database.db,
          senders: t.app.senders,
          logger,
          now: clock.now,
          limits: fast,
          batchSize: 100,
        }),
      });
    }
    const db = t.database.db;
    const members = await db
      .insert(people)
      .values(
        Array.from({ length: PAIRS * 2 }, (_, i) => ({
          email: `member${i}@example.org`,
          name: `Member ${i}`,
          institution: "Northfield",
          timezone: "UTC",
        })),
      )
      .returning({ id: people.id });
    await db.insert(chatIdentities).values(
      members.map((m, i) => ({
        personId: m.id,
        platform: "slack",
        tenantId: FAKE_TEAM_ID,
        userId: `U${String(i).padStart(8, "0")}`,
      })),
    );
    const made = await db
      .insert(partnerships)
      .values(
        Array.from({ length: PAIRS }, (_, i) => ({
          title: `Study ${i}`,
          cadence: "weekly",
          startedAt: new Date("2026-11-01T00:00:00Z"),
        })),
      )
      .returning({ id: partnerships.id });
    await db.insert(partnershipMembers).values(
      made.flatMap((p, i) => [
        { partnershipId: p.id, personId: members[2 * i]!.id },
        { partnershipId: p.id, personId: members[2 * i + 1]!.id },
      ]),
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.delivery.stop()));
    await Promise.all(pools.map((p) => p.close()));
    await t.close();
  });

  it("three instances planning and sending the same due batch at once enqueue and deliver each prompt once", async () => {
    const at = new Date("2026-11-24T10:00:00Z"); // Tuesday 10:00 UTC: all 800 are due
    clock.set(at);
    // The scheduler's slot: one instance of three runs the minute.
    const ticks = await Promise.all(instances.map((i, n) => i.scheduler.tick(checkinsOf(n), at)));
    expect(ticks.filter((r) => r !== null)).toHaveLength(1);
    // Without the slot (e.g. overlapping minutes), the unique period key and the claims alone plan and send
    // each prompt once: start again from nothing and let all three run the same instant at once.
    await t.database.db.delete(checkins);
    await t.database.db.delete(outbox);
    const runs = await Promise.all(instances.map((_, n) => checkinsOf(n).run(at)));
    expect(runs.reduce((sum, r) => sum + (r.counts?.planned ?? 0), 0)).toBe(PAIRS);
    const sent = runs.reduce((sum, r) => sum + (r.counts?.sent ?? 0), 0);
    expect(sent).toBe(PAIRS * 2);
    expect(runs.filter((r) => (r.counts?.sent ?? 0) > 0).length).toBeGreaterThanOrEqual(1);
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.kind, "checkin.prompt"));
    expect(rows).toHaveLength(PAIRS * 2);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(PAIRS * 2);
    const prompts = await t.database.db.select().from(checkinPrompts);
    expect(prompts.every((p) => p.status === "sent" && p.outboxId !== null)).toBe(true);
    expect(new Set(prompts.map((p) => p.outboxId)).size).toBe(PAIRS * 2);

    const from = t.slackApi.calls.length;
    const delivered = await Promise.all(instances.map((i) => i.delivery.drain()));
    expect(delivered.reduce((a, b) => a + b, 0)).toBe(PAIRS * 2);
    const counts = postsByChannel(from);
    expect(counts.size).toBe(PAIRS * 2);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("a worker that dies half-way through a fan-out, leaving claims behind, loses none once another takes over", async () => {
    const at = new Date("2026-12-01T10:00:00Z"); // the next week's check-in
    clock.set(at);
    expect((await checkinsOf(0).run(at)).counts?.sent).toBe(PAIRS * 2);
    const from = t.slackApi.calls.length;
    // Worker A claims 300, delivers half of them, and dies: the rest of its claims stay leased to it.
    const dying = await openDatabase({ kind: "postgres", url: t.database.url!, maxConnections: 2 });
    const claimed = await claimDeliveries(dying.db, at, 300, 60_000);
    expect(claimed).toHaveLength(300);
    for (const delivery of claimed.slice(0, 150)) {
      const receipt = await t.app.senders.slack!.send(delivery);
      await markSent(dying.db, delivery.id, receipt, at);
    }
    await dying.close();
    // A restarted worker delivers what nobody held at once, and the dead worker's claims when their lease ends.
    expect(await instances[1]!.delivery.drain()).toBe(PAIRS * 2 - 300);
    clock.set(new Date(at.getTime() + 61_000));
    expect(await instances[2]!.delivery.drain()).toBe(150);
    const counts = postsByChannel(from);
    expect(counts.size).toBe(PAIRS * 2);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const pending = await t.database.db
      .select()
      .from(outbox)
      .where(inArray(outbox.status, ["pending", "failed"]));
    expect(pending).toHaveLength(0);
  });

  it("delivers every prompt once while Slack answers 429 (Retry-After) and 500 for a while", async () => {
    const at = new Date("2026-12-08T10:00:00Z");
    clock.set(at);
    expect((await checkinsOf(0).run(at)).counts?.sent).toBe(PAIRS * 2);
    t.slackApi.failNext(
      "chat.postMessage",
      { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } },
      30,
    );
    t.slackApi.failNext("chat.postMessage", { status: 500, body: "upstream trouble" }, 30);
    const from = t.slackApi.calls.length;
    for (let round = 0; round < 30; round++) {
      await Promise.all(instances.map((i) => i.delivery.drain()));
      const left = await t.database.db.select().from(outbox).where(eq(outbox.status, "pending"));
      if (left.length === 0) break;
      clock.set(new Date(clock.now().getTime() + 60_000));
    }
    const calls = t.slackApi.calls.slice(from).filter((c) => c.method === "chat.postMessage");
    expect(calls).toHaveLength(PAIRS * 2 + 60); // every failure was retried, nothing more
    // The first 60 answers were failures: after them, each member got exactly one post.
    const succeeded = new Map<string, number>();
    for (const call of calls.slice(60)) {
      const channel = String(call.args.channel);
      succeeded.set(channel, (succeeded.get(channel) ?? 0) + 1);
    }
    expect(succeeded.size).toBe(PAIRS * 2);
    expect([...succeeded.values()].every((n) => n === 1)).toBe(true);
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.kind, "checkin.prompt"));
    const thisWeek = rows.filter((r) => r.nextAttemptAt.getTime() >= at.getTime());
    expect(thisWeek.every((r) => r.status === "sent")).toBe(true);
    expect(thisWeek.some((r) => r.attempts > 1)).toBe(true);
  });
});
