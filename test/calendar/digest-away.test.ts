// The digest's "quiet" partnerships: two unanswered check-ins in a row, unless every member was away in one of them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onWorkingDay } from "../../src/core/digest/create-digest-service.ts";
import { loadDigestSnapshot } from "../../src/db/digest-queries.ts";
import { checkinPrompts, checkins, personAway, programmes } from "../../src/db/schema.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";

const WEEKS = [
  { key: "2026-W47", start: "2026-11-16", end: "2026-11-23", sent: "2026-11-17T10:00:00Z" },
  { key: "2026-W48", start: "2026-11-23", end: "2026-11-30", sent: "2026-11-24T10:00:00Z" },
];

reuseTestDatabases();

describe("digest: partnerships away are not quiet", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  it("counts two unanswered check-ins as quiet, but not when all members were away in one of them", async () => {
    const db = database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    const person = (email: string) => seedPerson(db, { email });
    const [ana, ben, cai, dev] = await Promise.all(
      ["ana@uni.org", "ben@uni.org", "cai@uni.org", "dev@uni.org"].map(person),
    );
    const silent = await seedPartnership(db, {
      title: "Silent",
      members: [ana!, ben!],
      programmeId: programme!.id,
    });
    const onLeave = await seedPartnership(db, {
      title: "On leave",
      members: [cai!, dev!],
      programmeId: programme!.id,
    });
    const halfAway = await seedPartnership(db, {
      title: "Half away",
      members: [ana!, cai!],
      programmeId: programme!.id,
    });
    for (const [partnershipId, members] of [
      [silent, [ana!, ben!]],
      [onLeave, [cai!, dev!]],
      [halfAway, [ana!, cai!]],
    ] as const) {
      for (const week of WEEKS) {
        const [checkin] = await db
          .insert(checkins)
          .values({
            partnershipId,
            periodKey: week.key,
            periodStart: new Date(`${week.start}T00:00:00Z`),
            periodEnd: new Date(`${week.end}T00:00:00Z`),
          })
          .returning();
        await db.insert(checkinPrompts).values(
          members.map((personId) => ({
            checkinId: checkin!.id,
            personId,
            dueAt: new Date(week.sent),
            sentAt: new Date(week.sent),
            status: "sent",
          })),
        );
      }
    }
    // Cai and Dev are both away for part of the second week (a rota and leave); only Cai is, for Half away.
    await db.insert(personAway).values([
      { personId: cai!, fromDate: "2026-11-26", toDate: "2026-12-04", reason: "nights" },
      { personId: dev!, fromDate: "2026-11-20", toDate: "2026-11-24", reason: "annual leave" },
    ]);
    const snapshot = await loadDigestSnapshot(db, {
      programme: { id: programme!.id, name: programme!.name },
      period: { since: new Date("2026-11-23T00:00:00Z"), until: new Date("2026-11-30T09:00:00Z") },
      now: new Date("2026-11-30T09:00:00Z"),
      timezone: "Europe/London",
    });
    expect(snapshot.atRisk.map((p) => [p.title, p.reason]).sort()).toEqual([
      ["Half away", "quiet"],
      ["Silent", "quiet"],
    ]);
  });
});

describe("a scheduled digest on a public holiday", () => {
  const cora = {
    id: "p",
    name: "Oncology Network",
    personId: "c",
    weekday: 1,
    hour: 9,
    lastDigestAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    timezone: "Europe/London",
    country: "GB",
    region: "SCT",
  };
  const slot = new Date("2026-11-30T09:00:00Z"); // Monday 30 November: St Andrew's Day in Scotland

  it("waits for the next working day at the coordinator's hour in Scotland, not in England", () => {
    expect(onWorkingDay(cora, slot, new Date("2026-11-30T09:00:00Z"))).toBe(false);
    expect(onWorkingDay(cora, slot, new Date("2026-12-01T00:15:00Z"))).toBe(false); // not at night
    expect(onWorkingDay(cora, slot, new Date("2026-12-01T09:00:00Z"))).toBe(true);
    expect(onWorkingDay({ ...cora, region: "ENG" }, slot, new Date("2026-11-30T09:00:00Z"))).toBe(true);
  });
});
