// The retention job clears check-in and meeting notes older than RETENTION_DAYS, keeps newer ones, audits counts.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServices } from "../../src/app/create-services.ts";
import { loadConfig } from "../../src/config.ts";
import { createRetentionService } from "../../src/core/retention/create-retention-service.ts";
import { createRetentionStore } from "../../src/db/retention-store.ts";
import {
  auditLog,
  checkinPrompts,
  checkins,
  mentorMeetings,
  mentorships,
  partnerships,
  slackEvents,
} from "../../src/db/schema.ts";
import { createRetentionJob } from "../../src/jobs/retention.ts";
import { runWith } from "../helpers/cli.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../helpers/database.ts";
import { seedPerson } from "../helpers/seed.ts";
import { createCapturingLogger } from "../helpers/test-app.ts";

const DAY = 86_400_000;
const now = new Date("2026-11-22T02:41:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

reuseTestDatabases();

describe("retention job", () => {
  let database: TestDatabase;
  let ids: { ada: string; bo: string; checkin: string };
  beforeEach(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const ada = await seedPerson(db, { email: "ada@example.org" });
    const bo = await seedPerson(db, { email: "bo@example.org" });
    const [partnership] = await db.insert(partnerships).values({ title: "Ada & Bo" }).returning();
    const [checkin] = await db
      .insert(checkins)
      .values({
        partnershipId: partnership!.id,
        periodKey: "2025-W40",
        periodStart: daysAgo(420),
        periodEnd: daysAgo(406),
      })
      .returning();
    const [newer] = await db
      .insert(checkins)
      .values({
        partnershipId: partnership!.id,
        periodKey: "2026-W40",
        periodStart: daysAgo(60),
        periodEnd: daysAgo(46),
      })
      .returning();
    await db.insert(checkinPrompts).values([
      // Answered 400 days ago: cleared.
      {
        checkinId: checkin!.id,
        personId: ada,
        dueAt: daysAgo(410),
        answeredAt: daysAgo(400),
        status: "answered",
        answer: "on_track",
        note: "old note",
      },
      // Due long ago but answered (the note written) recently: kept.
      {
        checkinId: checkin!.id,
        personId: bo,
        dueAt: daysAgo(410),
        answeredAt: daysAgo(10),
        status: "answered",
        answer: "on_track",
        note: "late note",
      },
      {
        checkinId: newer!.id,
        personId: ada,
        dueAt: daysAgo(50),
        answeredAt: daysAgo(49),
        status: "answered",
        answer: "blocked",
        note: "recent note",
      },
    ]);
    const [mentorship] = await db.insert(mentorships).values({ mentorId: ada, menteeId: bo }).returning();
    await db.insert(mentorMeetings).values([
      {
        mentorshipId: mentorship!.id,
        loggedBy: bo,
        metOn: "2025-09-01",
        nextStep: "old step",
        createdAt: daysAgo(440),
      },
      {
        mentorshipId: mentorship!.id,
        loggedBy: bo,
        metOn: "2026-10-01",
        nextStep: "new step",
        createdAt: daysAgo(52),
      },
    ]);
    // Event ids from Slack: one old enough to forget, one recent enough to still recognise a retry.
    await db.insert(slackEvents).values([
      { eventId: "Ev0OLD", receivedAt: daysAgo(8) },
      { eventId: "Ev0NEW", receivedAt: daysAgo(1) },
    ]);
    ids = { ada, bo, checkin: checkin!.id };
  });
  afterEach(async () => {
    await database.close();
  });

  it("clears notes older than the period, keeps the rest of the rows, and writes one audit row with counts", async () => {
    const job = createRetentionJob({
      retention: createRetentionService({ store: createRetentionStore(database.db), retentionDays: 365 }),
    });
    const result = await job.run(now);
    expect(result.counts).toEqual({ checkinNotes: 1, meetingNotes: 1, slackEventIds: 1 });
    expect(result.summary).toContain("1 check-in note and 1 meeting note");

    const prompts = await database.db.select().from(checkinPrompts);
    expect(prompts.map((p) => p.note ?? "(cleared)").sort()).toEqual([
      "(cleared)",
      "late note",
      "recent note",
    ]);
    const cleared = prompts.find((p) => p.note === null)!;
    expect(cleared).toMatchObject({ personId: ids.ada, checkinId: ids.checkin, answer: "on_track" });
    const meetings = await database.db.select().from(mentorMeetings);
    expect(meetings.map((m) => m.nextStep ?? "(cleared)").sort()).toEqual(["(cleared)", "new step"]);
    expect(meetings).toHaveLength(2);

    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "retention.clear"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "system", platform: "system", subject: null });
    expect(audits[0]!.details).toMatchObject({ checkinNotes: 1, meetingNotes: 1, retentionDays: 365 });
    expect(JSON.stringify(audits)).not.toContain("old note");

    // A second run finds nothing more to clear.
    expect((await job.run(now)).counts).toEqual({ checkinNotes: 0, meetingNotes: 0, slackEventIds: 0 });
  });

  it("honours a shorter period from RETENTION_DAYS and is one of the scheduled jobs, once a day", async () => {
    const config = loadConfig({ RETENTION_DAYS: "30", DATA_DIR: "/nonexistent/collab-test" });
    expect(config.retentionDays).toBe(30);
    const services = await createServices({
      config,
      logger: createCapturingLogger([]),
      database,
      clock: { now: () => now },
    });
    const job = services.jobs.find((j) => j.name === "retention");
    expect(job).toBeDefined();
    expect(
      job!.cron
        .split(" ")
        .slice(0, 2)
        .every((part) => /^\d+$/.test(part)),
    ).toBe(true);
    expect(job!.cron.split(" ").slice(2)).toEqual(["*", "*", "*"]);
    const result = await job!.run(now);
    // The late note was written 10 days ago and stays; the rest are older than 30 days.
    expect(result.counts).toEqual({ checkinNotes: 2, meetingNotes: 2, slackEventIds: 1 });
  });

  it("runs from the CLI as `collab jobs run retention`, and `collab audit` shows it", async () => {
    const run = await runWith(database, [
      "jobs",
      "run",
      "retention",
      "--now",
      now.toISOString(),
      "--no-deliver",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 check-in note and 1 meeting note older than 365 days cleared");
    const audit = await runWith(database, ["audit", "--since", "2000-01-01"]);
    expect(audit.code).toBe(0);
    const line = audit.stdout.split("\n").find((l) => l.includes("\tretention.clear\t"));
    expect(line).toMatch(/^\S+Z\tsystem\tsystem\tretention\.clear\t-\t\{.*\}$/);
    expect(line).toContain('"checkinNotes":1');
    expect(line).toContain('"meetingNotes":1');
  });
});

describe("RETENTION_DAYS", () => {
  it("defaults to 365", () => {
    expect(loadConfig({}).retentionDays).toBe(365);
  });
  it.each(["0", "-5", "1.5", "a year", "99999"])("refuses %j with a fix", (value) => {
    expect(() => loadConfig({ RETENTION_DAYS: value })).toThrow(/RETENTION_DAYS .*whole number of days/);
  });
});
