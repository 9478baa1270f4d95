// The match index's reads from the database: profiles page by page, partners, versions, changes since.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMatchSource } from "../../src/db/match-source.ts";
import { partnershipMembers, partnerships, people } from "../../src/db/schema.ts";
import { seedProfile } from "../helpers/collab.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("the match source", () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    ids.a = await seedProfile(db, { email: "a@example.org", name: "Ann", expertise: ["oncology"] });
    ids.b = await seedProfile(db, { email: "b@example.org", name: "Ben", offers: ["statistics"] });
    ids.c = await seedProfile(db, { email: "c@example.org", name: "Cal" });
    await db
      .update(people)
      .set({ conflictsWith: ["B@Example.org"] })
      .where(eq(people.id, ids.a));
  });
  afterAll(async () => {
    await database.close();
  });

  it("reads every profile with its partners, and sees partnerships change", async () => {
    const source = createMatchSource(database.db);
    const before = await source.partnershipsVersion();
    const [partnership] = await database.db
      .insert(partnerships)
      .values({ title: "Ann & Ben" })
      .returning({ id: partnerships.id });
    await database.db.insert(partnershipMembers).values([
      { partnershipId: partnership!.id, personId: ids.a! },
      { partnershipId: partnership!.id, personId: ids.b! },
    ]);
    expect(await source.partnershipsVersion()).not.toBe(before);

    const { profiles, peopleAt } = await source.loadAll();
    expect(profiles).toHaveLength(3);
    expect(peopleAt).toBeTruthy();
    const ann = profiles.find((p) => p.id === ids.a)!;
    expect(ann).toMatchObject({
      name: "Ann",
      expertise: ["oncology"],
      conflictsWith: ["b@example.org"],
      activePartnerships: 1,
      partnerIds: [ids.b],
    });
    expect(profiles.find((p) => p.id === ids.c)!.activePartnerships).toBe(0);
    const partners = await source.loadPartners();
    expect(partners.get(ids.b!)).toEqual({ active: 1, partnerIds: [ids.a] });
    const [one] = await source.loadProfiles([ids.b!]);
    expect(one!.partnerIds).toEqual([ids.a]);

    await database.db.update(partnerships).set({ status: "ended", endedAt: new Date() });
    expect((await source.loadPartners()).size).toBe(0);
  });

  it("hands the profiles over page by page when asked, instead of returning them", async () => {
    const source = createMatchSource(database.db);
    const pages: string[][] = [];
    const { profiles } = await source.loadAll((page) => pages.push(page.map((p) => p.id)));
    expect(profiles).toEqual([]);
    expect(pages.flat().sort()).toEqual([ids.a, ids.b, ids.c].sort());
  });

  it("the people version moves on each change, and changes since a version are read back", async () => {
    const source = createMatchSource(database.db);
    const seen = await source.peopleVersion();
    await database.db
      .update(people)
      .set({ role: "Statistician", updatedAt: sql`clock_timestamp()` })
      .where(eq(people.id, ids.c!));
    const now = await source.peopleVersion();
    expect(now).not.toBe(seen);
    const changed = await source.loadChangedSince(seen!);
    expect(changed.map((p) => p.id)).toContain(ids.c);
    expect(changed.find((p) => p.id === ids.c)!.role).toBe("Statistician");
    expect(await source.loadProfiles(["00000000-0000-4000-8000-000000000000"])).toEqual([]);
  });
});
