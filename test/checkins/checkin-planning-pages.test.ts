// The check-ins job reads partnerships a page at a time: every active one is planned once, across page ends.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckinService } from "../../src/core/checkins/create-checkin-service.ts";
import { createCheckinStore } from "../../src/db/checkin-store.ts";
import { checkinPrompts, checkins, partnershipMembers, partnerships } from "../../src/db/schema.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedPerson } from "../helpers/seed.ts";

describe("planning check-ins in pages", () => {
  let database: TestDatabase;
  const started = new Date("2026-11-02T09:00:00Z");
  // Tuesday 24 November 2026, 10:30 in London: weekly slots (Tuesday 10:00) are due.
  const now = new Date("2026-11-24T10:30:00Z");

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    for (let i = 0; i < 7; i++) {
      const a = await seedPerson(db, { email: `a${i}@uni.org`, slackUserId: `U0A${i}` });
      const b = await seedPerson(db, { email: `b${i}@uni.org`, slackUserId: `U0B${i}` });
      const status = i === 3 ? "paused" : "active";
      const [p] = await db
        .insert(partnerships)
        .values({ title: `P${i}`, cadence: "weekly", status, startedAt: started, createdAt: started })
        .returning();
      await db.insert(partnershipMembers).values([
        { partnershipId: p!.id, personId: a },
        { partnershipId: p!.id, personId: b },
      ]);
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  it("plans each active partnership once with pages of two, and a second run plans nothing", async () => {
    const service = createCheckinService({ store: createCheckinStore(database.db, { planningPage: 2 }) });
    const first = await service.run(now);
    expect(first.planned).toBe(6);
    const rows = await database.db.select().from(checkins);
    expect(new Set(rows.map((r) => r.partnershipId)).size).toBe(6);
    const paused = await database.db.select().from(partnerships).where(eq(partnerships.status, "paused"));
    expect(rows.some((r) => r.partnershipId === paused[0]!.id)).toBe(false);
    expect(await database.db.select().from(checkinPrompts)).toHaveLength(12);
    expect((await service.run(new Date(now.getTime() + 60_000))).planned).toBe(0);
  });
});
