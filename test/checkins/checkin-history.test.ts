// A partnership's history (`/collab history`) on Slack and in the terminal chat, and `collab export partnerships
// --format csv`, against fourteen seeded weeks of answers; refusals name no partnership; bad options exit 2.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackActor } from "../../src/bots/slack/actor.ts";
import { HISTORY_REFUSED } from "../../src/core/checkins/create-history-feature.ts";
import type { Db } from "../../src/db/client.ts";
import { auditLog, checkinPrompts, checkins, programmeMembers, programmes } from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { runWith } from "../helpers/cli.ts";
import { openChat } from "../helpers/console-chat.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedPerson } from "../helpers/seed.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const DAY = 86_400_000;
const WEEKS = 14;
const firstMonday = Date.parse("2026-08-31T00:00:00Z");
const states = ["on_track", "needs_attention", "blocked"] as const;

describe("a partnership's history and its answers as CSV", () => {
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};
  const say = async (userId: string, text: string) =>
    JSON.stringify(await t.app.core.handleCommand({ actor: slackActor(FAKE_TEAM_ID, userId), text }));

  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    const [onco] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    const [cardio] = await db.insert(programmes).values({ name: "Cardiology Network" }).returning();
    const person = (email: string, name: string, slackUserId: string) =>
      seedPerson(db, { email, name, slackUserId, timezone: "Europe/London" });
    ids.cora = await person("cora@uni.org", "Cora", "U0CORA001");
    ids.dev = await person("dev@uni.org", "Dev", "U0DEV0001");
    ids.ana = await person("ana@uni.org", "Ana Lima", "U0ANA0001");
    ids.ben = await person("ben@uni.org", "Ben Ode", "U0BEN0001");
    ids.zed = await person("zed@uni.org", "Zed", "U0ZED0001");
    await db.insert(programmeMembers).values([
      { programmeId: onco!.id, personId: ids.cora, role: "coordinator" },
      { programmeId: cardio!.id, personId: ids.dev, role: "coordinator" },
      { programmeId: onco!.id, personId: ids.zed, role: "member" },
    ]);
    ids.cohort = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.ana, ids.ben],
      programmeId: onco!.id,
      startedAt: "2026-08-31T00:00:00Z",
    });
    for (let i = 0; i < WEEKS; i++) {
      const start = new Date(firstMonday + i * 7 * DAY);
      const [checkin] = await db
        .insert(checkins)
        .values({
          partnershipId: ids.cohort,
          periodKey: `2026-W${36 + i}`,
          periodStart: start,
          periodEnd: new Date(start.getTime() + 7 * DAY),
        })
        .returning();
      const answeredAt = new Date(start.getTime() + DAY + 10 * 3_600_000);
      const last = i === WEEKS - 1;
      await db.insert(checkinPrompts).values([
        {
          checkinId: checkin!.id,
          personId: ids.ana,
          dueAt: new Date(start.getTime() + DAY),
          status: "answered",
          answer: last ? "needs_attention" : states[i % 3],
          choice: last ? "Waiting on data" : null,
          note: last ? "Waiting for the ethics committee" : null,
          answeredAt,
        },
        i % 2 === 0
          ? {
              checkinId: checkin!.id,
              personId: ids.ben,
              dueAt: new Date(start.getTime() + DAY),
              status: "answered",
              answer: "on_track",
              // Typed by a coordinator: a spreadsheet would read a leading "-" as a formula.
              choice: i === 0 ? "-2 samples, still fine" : null,
              answeredAt: new Date(answeredAt.getTime() + 3_600_000),
            }
          : {
              checkinId: checkin!.id,
              personId: ids.ben,
              dueAt: new Date(start.getTime() + DAY),
              status: "sent",
            },
      ]);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows a member the last 12 check-ins, newest first, with each member's answer and the notes", async () => {
    const reply = await say("U0ANA0001", "history cohort STUDY");
    expect(reply).toContain("History: Cohort study");
    const dates = [...reply.matchAll(/\d{1,2} (Sep|Oct|Nov|Dec) 2026/g)].map((m) => m[0]);
    expect(dates).toHaveLength(12);
    expect(dates[0]).toBe("30 Nov 2026"); // the newest week
    expect(dates[11]).toBe("14 Sep 2026"); // the two oldest weeks are left out
    expect(reply).toContain("Waiting on data (needs attention) — “Waiting for the ethics committee”");
    expect(reply).toContain("Ben Ode");
    expect(reply).toContain("no answer");
  });

  it("shows it to the programme's coordinator, notes included", async () => {
    const reply = await say("U0CORA001", "history Cohort study");
    expect(reply).toContain("Waiting for the ethics committee");
  });

  it("refuses everyone else in the same words, naming no partnership, whether or not it exists", async () => {
    const otherCoordinator = await say("U0DEV0001", "history Cohort study");
    const programmeMember = await say("U0ZED0001", "history Cohort study");
    const noSuch = await say("U0ZED0001", "history Imaginary study");
    for (const reply of [otherCoordinator, programmeMember, noSuch]) {
      expect(reply).toContain(HISTORY_REFUSED.replaceAll("`", "\\`").slice(0, 40));
      expect(reply).not.toContain("Cohort");
      expect(reply).not.toContain("Imaginary");
    }
    expect(otherCoordinator).toBe(noSuch);
  });

  it("shows the history in the terminal chat", async () => {
    const chat = openChat(t.database, "ana@uni.org");
    chat.type("history Cohort study");
    const shown = await chat.waitFor("check-ins, newest first");
    expect(shown).toContain("History: Cohort study");
    expect(shown).toContain("Waiting for the ethics committee");
    expect((await chat.close()).code).toBe(0);
  });

  it("writes one CSV row per answer, without notes unless asked, and audits the export", async () => {
    const run = await runWith(t.database, ["export", "partnerships", "--format", "csv"]);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "programme",
      "partnership",
      "period",
      "period_start",
      "member",
      "member_email",
      "answer",
      "state",
      "answered_at",
    ]);
    expect(rows).toHaveLength(WEEKS + WEEKS / 2); // Ana every week, Ben every other week
    expect(rows.at(-1)).toMatchObject({
      programme: "Oncology Network",
      partnership: "Cohort study",
      period: "2026-W49",
      period_start: "2026-11-30",
      member: "Ana Lima",
      member_email: "ana@uni.org",
      answer: "Waiting on data",
      state: "needs_attention",
      answered_at: "2026-12-01T10:00:00.000Z",
    });
    expect(rows.find((r) => r.member === "Ben Ode")!.answer).toBe("'-2 samples, still fine");
    expect(run.stdout).not.toContain("ethics committee");

    const withNotes = await runWith(t.database, [
      "export",
      "partnerships",
      "--format",
      "csv",
      "--since",
      "2026-11-23",
      "--programme",
      "oncology network",
      "--with-notes",
    ]);
    expect(withNotes.code).toBe(0);
    const recent = parse(withNotes.stdout, { columns: true }) as Record<string, string>[];
    expect(recent.map((r) => [r.period, r.member, r.note])).toEqual([
      ["2026-W48", "Ana Lima", ""],
      ["2026-W48", "Ben Ode", ""],
      ["2026-W49", "Ana Lima", "Waiting for the ethics committee"],
    ]);

    const other = await runWith(t.database, [
      "export",
      "partnerships",
      "--format",
      "csv",
      "--programme",
      "Cardiology Network",
    ]);
    expect(other.stdout.trim()).toBe(
      "programme,partnership,period,period_start,member,member_email,answer,state,answered_at",
    );
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "partnerships.export"));
    expect(audits.map((a) => a.details)).toEqual([
      { rows: 21, since: null, notes: false },
      { rows: 3, since: "2026-11-23T00:00:00.000Z", notes: true },
      { rows: 0, since: null, notes: false },
    ]);
  });

  it("exits 2 with one line for bad options, writing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--format", "json"], /Allowed choices are csv/],
      [[], /--format <format>' not specified/],
      [["--format", "csv", "--since", "2026-13-45"], /--since "2026-13-45" is not a date/],
      [["--format", "csv", "--since", "last week"], /not a date/],
      [
        ["--format", "csv", "--programme", "Nope"],
        /No programme is called "Nope". Programmes: Cardiology Network, Oncology Network/,
      ],
    ];
    for (const [options, reason] of cases) {
      const run = await runWith(t.database, ["export", "partnerships", ...options]);
      expect(run.code, options.join(" ")).toBe(2);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
  });
});
