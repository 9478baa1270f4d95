// collab forget <email>, run in-process: the person leaves no trace in the export but one audit entry without their data.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  checkinPrompts,
  checkins,
  intros,
  mentorships,
  milestones,
  outbox,
  partnershipMembers,
  partnerships,
  people,
} from "../../src/db/schema.ts";
import { exportOf, fixture, runWith, withoutExportAudit } from "../helpers/cli.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";

async function idOf(database: TestDatabase, email: string): Promise<string> {
  const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!row) throw new Error(`no ${email}`);
  return row.id;
}

/** Ada takes part in everything: an intro, a partnership, check-ins, a mentorship, messages and the audit log. */
async function involveAda(database: TestDatabase) {
  const { db } = database;
  const ada = await idOf(database, "ada.okafor@example.org");
  const bo = await idOf(database, "bo.lindqvist@example.org");
  const chen = await idOf(database, "chen.wei@example.org");
  const expiresAt = new Date("2030-01-01T00:00:00Z");
  const [intro] = await db
    .insert(intros)
    .values({ requesterId: ada, candidateId: bo, need: "survival analysis", expiresAt })
    .returning();
  const [partnership] = await db
    .insert(partnerships)
    .values({ title: "Ada Okafor & Bo Lindqvist: survival in cohort X", introId: intro?.id })
    .returning();
  const partnershipId = partnership?.id ?? "";
  await db.insert(partnershipMembers).values([
    { partnershipId, personId: ada },
    { partnershipId, personId: bo },
  ]);
  await db.insert(milestones).values({
    partnershipId,
    title: "Ethics approval, thanks to ada okafor",
    achievedAt: new Date(),
    achievedBy: ada,
  });
  await db.insert(mentorships).values({ mentorId: ada, menteeId: chen, goals: "first paper" });
  const [checkin] = await db
    .insert(checkins)
    .values({ partnershipId, periodKey: "2025-W01", periodStart: new Date(), periodEnd: new Date() })
    .returning();
  const [toAda] = await db
    .insert(outbox)
    .values({
      kind: "checkin",
      platform: "slack",
      tenantId: "T0001",
      target: { channel: "U0ADA" },
      message: { header: "How is it going?" },
    })
    .returning();
  const [toBo] = await db
    .insert(outbox)
    .values({
      kind: "digest",
      platform: "teams",
      tenantId: "tenant-ki",
      target: { user: "aad-bo-0001" },
      personId: bo,
      message: { text: [{ mention: { id: ada, name: "Ada Okafor" } }, " has gone quiet"] },
    })
    .returning();
  await db.insert(checkinPrompts).values([
    { checkinId: checkin?.id ?? "", personId: ada, dueAt: new Date(), outboxId: toAda?.id },
    { checkinId: checkin?.id ?? "", personId: bo, dueAt: new Date(), outboxId: toAda?.id },
  ]);
  await db.insert(auditLog).values({
    actor: bo,
    platform: "teams",
    action: "partnership.pause",
    subject: ada,
    details: { partner: "ada.okafor@example.org" },
  });
  return { ada, bo, toBo: toBo?.id, partnershipId };
}

reuseTestDatabases();

describe("collab forget", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    const run = await runWith(database, ["import", "people", fixture("people.csv")]);
    expect(run.code).toBe(0);
  });
  afterEach(async () => {
    await database.close();
  });

  it("leaves no trace of the person but one audit entry without their data", async () => {
    const { ada, bo, toBo, partnershipId } = await involveAda(database);
    const before = await exportOf(database);
    const identityIds = (before.tables.chat_identities ?? [])
      .filter((i) => i.person_id === ada)
      .map((i) => i.id);
    expect(identityIds).toHaveLength(1);

    const run = await runWith(database, ["forget", "Ada.Okafor@Example.org"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Forgot ada\.okafor@example\.org: \d+ rows deleted/);

    const after = await exportOf(database);
    const text = after.text.toLowerCase();
    for (const trace of ["ada.okafor@example.org", "ada okafor", ada, "u0ada", ...identityIds.map(String)]) {
      expect(text, trace).not.toContain(String(trace).toLowerCase());
    }
    const forgets = (after.tables.audit_log ?? []).filter((a) => a.action === "person.forget");
    expect(forgets).toHaveLength(1);
    expect(forgets[0]).toMatchObject({ actor: "cli", platform: "cli", subject: null });
    const details = forgets[0]?.details as { deleted: Record<string, number> };
    expect(details.deleted).toMatchObject({
      people: 1,
      chat_identities: 1,
      intros: 1,
      mentorships: 1,
      outbox: 1,
    });

    const tables = after.tables;
    expect(tables.people?.find((p) => p.id === bo)?.conflicts_with).toEqual([]);
    expect(tables.people).toHaveLength(2);
    expect(tables.intros).toEqual([]);
    expect(tables.mentorships).toEqual([]);
    expect(tables.partnerships).toEqual([
      expect.objectContaining({
        id: partnershipId,
        intro_id: null,
        title: "[forgotten] & Bo Lindqvist: survival in cohort X",
      }),
    ]);
    expect(tables.partnership_members).toEqual([expect.objectContaining({ person_id: bo })]);
    expect(tables.milestones).toEqual([
      expect.objectContaining({ achieved_by: null, title: "Ethics approval, thanks to [forgotten]" }),
    ]);
    expect(tables.checkin_prompts).toEqual([expect.objectContaining({ person_id: bo, outbox_id: null })]);
    expect(tables.outbox?.map((o) => o.id)).toEqual([toBo]);
    const pause = tables.audit_log?.find((a) => a.action === "partnership.pause");
    expect(pause).toMatchObject({ actor: bo, subject: null, details: { partner: "[forgotten]" } });
  });

  it("exits 2 for an unknown email and changes nothing", async () => {
    const before = await exportOf(database);
    const run = await runWith(database, ["forget", "nobody@example.org"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "No person with email nobody@example.org.\n" });
    const after = await exportOf(database);
    expect(withoutExportAudit(after)).toEqual(withoutExportAudit(before));
  });
});
