// `collab chat` in-process on a real database: the console identity, the outbox reaching the terminal, the demo's intro.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../../src/db/outbox-store.ts";
import {
  chatIdentities,
  checkinPrompts,
  milestones,
  outbox,
  partnershipMembers,
  people,
} from "../../../src/db/schema.ts";
import { exportOf, runWith, withoutExportAudit } from "../../helpers/cli.ts";
import { type ChatDriver, openChat, useDemoDatabase } from "../../helpers/console-chat.ts";
import { createTestDatabase, reuseTestDatabases, type TestDatabase } from "../../helpers/database.ts";

const AMARA = "amara.nwosu@riverside.example";
const SAMIR = "samir.patel@eastbrook.example";
const HELEN = "helen.ward@northfield.example";

async function personId(database: TestDatabase, email: string): Promise<string> {
  const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!row) throw new Error(`no ${email}`);
  return row.id;
}

const hello = (text: string) => ({ summary: text, blocks: [{ type: "text" as const, text }] });

/** Opens `milestone` in the terminal for the demo's one partnership and types the title, up to the due date. */
async function openMilestoneForm(database: TestDatabase, email: string, title: string): Promise<ChatDriver> {
  const chat = openChat(database, email);
  await chat.waitFor("`quit` to leave.");
  chat.type("milestone");
  await chat.waitFor("Partnership");
  chat.type("");
  await chat.waitFor("Milestone");
  chat.type(title);
  await chat.waitFor("Kind");
  chat.type("");
  await chat.waitFor("Due date");
  return chat;
}

reuseTestDatabases();

describe("collab chat", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    const demo = await runWith(database, ["demo"]);
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(0);
  });
  afterEach(async () => {
    await database.close();
  });

  it("exits 2 with one line for an email nobody has", async () => {
    const chat = openChat(database, "nobody@example.org");
    const { code, stderr } = await chat.close();
    expect(code).toBe(2);
    expect(stderr).toBe(
      "No person with email nobody@example.org: run `npx collab demo` or `npx collab import people FILE.csv` first.\n",
    );
  });

  it("answers help with the same commands as Teams, and says how the terminal works", async () => {
    const chat = openChat(database, "Helen.Ward@northfield.example");
    await chat.waitFor("You are chatting as Helen Ward (Northfield University)");
    await chat.waitFor("`quit` to leave.");
    chat.type("help");
    const help = await chat.waitFor("In this terminal:");
    expect(help).toContain("Research collaboration bot\n==========================");
    expect(help).toContain("• `find-collaborator <need>` — ");
    expect(help).not.toContain("/collab");
    // Helen coordinates the programme: her help lists the coordinator's commands (not the admin's).
    expect(help).toContain("• `digest [programme | settings]` — ");
    expect(help).toContain("• `celebrate here [programme]` — ");
    expect(help).not.toContain("`role list");
    chat.type("7");
    await chat.waitFor("There is no button [7]");
    chat.type("quit");
    const { code } = await chat.close();
    expect(code).toBe(0);
    expect(chat.transcript.trimEnd().endsWith("Bye.")).toBe(true);
  });

  it("lists in help only the commands of roles the person has", async () => {
    const chat = openChat(database, SAMIR);
    await chat.waitFor("`quit` to leave.");
    chat.type("help");
    const help = await chat.waitFor("In this terminal:");
    expect(help).toContain("• `find-collaborator <need>` — ");
    expect(help).not.toContain("`digest");
    expect(help).not.toContain("`celebrate");
    expect(help).not.toContain("`role");
    await chat.close();
  });

  it("asks for the career stage in the profile form and saves it", async () => {
    const chat = openChat(database, "maya.cohen@riverside.example");
    await chat.waitFor("`quit` to leave.");
    chat.type("profile");
    await chat.waitFor("Name (Enter keeps");
    for (let i = 0; i < 4; i++) chat.type("");
    const stage = await chat.waitFor(/Career stage[\s\S]*?\n\s*\[?(\d+)\]?[^\n]*Mid-career/);
    expect(stage).toContain("Early career (student, trainee, postdoc)");
    chat.type(/(\d+)\D*Mid-career/.exec(stage)?.[1] ?? "");
    // The rest keep their values: lists, time zone, country, region, ORCID iD, publications, mentoring.
    for (let i = 0; i < 10; i++) chat.type("");
    await chat.waitFor(/Profile (saved|updated)/);
    await chat.close();
    const [maya] = await database.db
      .select()
      .from(people)
      .where(eq(people.email, "maya.cohen@riverside.example"));
    expect(maya?.careerStage).toBe("mid-career");
  });

  it("checks a date and a time zone as they are typed, and asks again at once", async () => {
    const helen = openChat(database, HELEN);
    await helen.waitFor("`quit` to leave.");
    helen.type("mentor log");
    await helen.waitFor("Mentorship");
    helen.type("");
    await helen.waitFor("Met on (YYYY-MM-DD)");
    helen.type("1/12/2026");
    const refused = await helen.waitFor("Write the date as YYYY-MM-DD, e.g. 2027-03-31.");
    expect(refused).not.toContain("Next step");
    helen.type("2026-12-01");
    await helen.waitFor("Next step");
    helen.type("");
    await helen.waitFor(/logged/i);
    await helen.close();

    const maya = openChat(database, "maya.cohen@riverside.example");
    await maya.waitFor("`quit` to leave.");
    maya.type("profile");
    await maya.waitFor("Name (Enter keeps");
    for (let i = 0; i < 9; i++) maya.type("");
    await maya.waitFor("Time zone");
    maya.type("Mars/Olympus_Mons");
    const zone = await maya.waitFor("That is not a time zone I know");
    expect(zone).not.toContain("Open to mentoring");
    maya.type("Europe/Paris");
    for (const label of ["Country", "Region", "ORCID iD", "Use my publications"]) {
      await maya.waitFor(label);
      maya.type("");
    }
    await maya.waitFor("Open to mentoring");
    maya.type("");
    await maya.waitFor(/Profile (saved|updated)/);
    await maya.close();
    const [row] = await database.db
      .select()
      .from(people)
      .where(eq(people.email, "maya.cohen@riverside.example"));
    expect(row?.timezone).toBe("Europe/Paris");
  });

  it("is a chat identity linked to the person, but not where the bot writes to someone who has Slack", async () => {
    const maya = await personId(database, "maya.cohen@riverside.example");
    await database.db.insert(chatIdentities).values({
      personId: maya,
      platform: "slack",
      tenantId: "TDEMO01",
      userId: "U0MAYA",
      lastSeenAt: new Date(Date.now() - 86_400_000),
    });
    const chat = openChat(database, "maya.cohen@riverside.example");
    await chat.waitFor(
      "Messages the bot sends Maya Cohen go to their Slack account; here you see the answers to what you type.",
    );
    const [identity] = await database.db
      .select()
      .from(chatIdentities)
      .where(
        and(
          eq(chatIdentities.platform, "console"),
          eq(chatIdentities.userId, "maya.cohen@riverside.example"),
        ),
      );
    expect(identity).toMatchObject({ personId: maya, tenantId: "local" });
    // Used last, the terminal still does not take Maya's messages from Slack.
    const [toSlack] = await enqueueMessages(database.db, [
      { kind: "test", to: { kind: "person", personId: maya }, message: hello("for Slack") },
    ]);
    chat.type("help");
    await chat.waitFor("In this terminal:");
    await chat.close();
    const rows = await database.db.select().from(outbox);
    expect(rows.find((r) => r.id === toSlack)).toMatchObject({ platform: "slack", status: "pending" });
    expect(chat.transcript).not.toContain("for Slack");
  });

  it("reaches in the terminal someone with no other account", async () => {
    const maya = await personId(database, "maya.cohen@riverside.example");
    const chat = openChat(database, "maya.cohen@riverside.example");
    await chat.waitFor("Messages the bot sends you appear here.");
    const [toConsole] = await enqueueMessages(database.db, [
      {
        kind: "test",
        to: { kind: "person", personId: maya },
        message: hello("Your mentor Helen is free on Thursday."),
      },
    ]);
    await chat.waitFor("--- new message ---\nYour mentor Helen is free on Thursday.");
    await chat.close();
    const rows = await database.db.select().from(outbox);
    expect(rows.find((r) => r.id === toConsole)).toMatchObject({
      platform: "console",
      tenantId: "local",
      status: "sent",
      platformMessageId: `console-${toConsole}`,
    });
  });

  it("shows, when it opens, what was sent to the person while it was closed", async () => {
    const samir = await personId(database, SAMIR);
    await enqueueMessages(database.db, [
      { kind: "test", to: { kind: "person", personId: samir }, message: hello("Sent while you were away.") },
    ]);
    const chat = openChat(database, SAMIR);
    await chat.waitFor("--- new message ---\nSent while you were away.");
    await chat.close();
  });

  it("finds a collaborator and requests an intro by number; the candidate accepts by number in their chat", async () => {
    const amara = openChat(database, AMARA);
    amara.type("find-collaborator a health economist for a cost-effectiveness analysis");
    const suggestions = await amara.waitFor(/\[(\d+)\] Request intro[^\n]*\n/);
    expect(suggestions).toContain("Samir Patel · Eastbrook University");
    const number = /\[(\d+)\] Request intro(?: — Samir Patel)?\n/.exec(amara.transcript)?.[1];
    amara.type(number ?? "1");
    const requested = await amara.waitFor("Intro requested.");
    // The terminal shows bold as plain text, never Slack's *markup*.
    expect(requested).not.toContain("*");
    expect((await amara.close()).code).toBe(0);

    const samir = openChat(database, SAMIR);
    const request = await samir.waitFor(/\[\d+\] Decline/);
    expect(request).toContain("--- new message ---\nIntro request\n=============");
    expect(request).toContain("Amara Nwosu (Riverside Hospital) would like an introduction.");
    const accept = /\[(\d+)\] Accept/.exec(request)?.[1];
    samir.type(accept ?? "1");
    await samir.waitFor("(updated)\nIntro request\n=============\nYou accepted");
    await samir.waitFor("Meet Amara Nwosu");
    await samir.close();

    const [amaraId, samirId] = [await personId(database, AMARA), await personId(database, SAMIR)];
    const memberships = await database.db.select().from(partnershipMembers);
    const shared = memberships.filter(
      (m) =>
        m.personId === amaraId &&
        memberships.some((other) => other.partnershipId === m.partnershipId && other.personId === samirId),
    );
    expect(shared).toHaveLength(1);

    const again = openChat(database, AMARA);
    await again.waitFor("--- new message ---\nMeet Samir Patel");
    await again.close();
  });
});

describe("a check-in in the terminal", () => {
  let database: TestDatabase;
  let checkinNow: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    const demo = await runWith(database, ["demo"]);
    expect(demo.code).toBe(0);
    // The instant the demo itself suggests: a minute after this week's check-in is due for Amara.
    checkinNow = /jobs run checkins --now (\S+)/.exec(demo.stdout)?.[1] ?? "";
    expect(checkinNow).not.toBe("");
  });
  afterEach(async () => {
    await database.close();
  });

  it("arrives after `jobs run checkins --now …` and is answered by choosing a number", async () => {
    const chat = openChat(database, AMARA);
    await chat.waitFor("`quit` to leave.");
    chat.type(`jobs run checkins --now ${checkinNow}`);
    await chat.waitFor(`checkins as of ${checkinNow.replace("Z", ".000Z")}: `);
    const prompt = await chat.waitFor(/\[\d+\] Blocked/);
    expect(prompt).toContain(
      "--- new message ---\nHow is Amara Nwosu & Tomás Silva: survival after immunotherapy going?",
    );
    const needsAttention = /\[(\d+)\] Needs attention/.exec(prompt)?.[1];
    expect(needsAttention).toBeDefined();
    chat.type(needsAttention ?? "");
    await chat.waitFor("A short note (optional) (e.g. waiting for ethics approval; Enter to skip;");
    chat.type("waiting for the data access agreement");
    await chat.waitFor("(updated)\nRecorded: needs attention — thank you");
    expect((await chat.close()).code).toBe(0);

    const amara = await personId(database, AMARA);
    const answered = await database.db
      .select()
      .from(checkinPrompts)
      .where(eq(checkinPrompts.personId, amara));
    expect(answered).toEqual([
      expect.objectContaining({
        status: "answered",
        answer: "needs_attention",
        note: "waiting for the data access agreement",
      }),
    ]);
    // Tomás, her partner, is reached in his own terminal chat: his prompt waits there for him.
    const tomas = openChat(database, "tomas.silva@northfield.example");
    await tomas.waitFor("--- new message ---\nHow is Amara Nwosu & Tomás Silva");
    await tomas.close();
  });
});

describe("collab chat --as someone reachable elsewhere", () => {
  let database: TestDatabase;
  let checkinNow: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    const demo = await runWith(database, ["demo"]);
    checkinNow = /jobs run checkins --now (\S+)/.exec(demo.stdout)?.[1] ?? "";
  });
  afterEach(async () => {
    await database.close();
  });

  it("leaves their check-in prompt on Slack", async () => {
    const amara = await personId(database, AMARA);
    await database.db
      .insert(chatIdentities)
      .values({ personId: amara, platform: "slack", tenantId: "TDEMO01", userId: "U0AMARA" });
    const chat = openChat(database, AMARA);
    await chat.waitFor("go to their Slack account");
    chat.type(`jobs run checkins --now ${checkinNow}`);
    await chat.waitFor("(nothing arrived for you)");
    expect((await chat.close()).code).toBe(0);
    const [prompt] = await database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, amara), eq(outbox.kind, "checkin.prompt")));
    expect(prompt).toMatchObject({ platform: "slack", tenantId: "TDEMO01" });
  });

  it("keeps Lena, who never opened Teams, unreachable in the coordinator's digest", async () => {
    const lena = openChat(database, "lena.fischer@rhein-klinik.example");
    await lena.waitFor(
      "This adds a terminal identity for Lena Fischer; it does not change where the bot writes to them.",
    );
    expect((await lena.close()).code).toBe(0);
    const [sent] = await enqueueMessages(database.db, [
      {
        kind: "test",
        to: { kind: "person", personId: await personId(database, "lena.fischer@rhein-klinik.example") },
        message: hello("Your partnership starts"),
      },
    ]);
    const rows = await database.db.select().from(outbox).where(eq(outbox.id, sent!));
    expect(rows[0]).toMatchObject({ platform: "teams", status: "unreachable" });
    const helen = openChat(database, HELEN);
    helen.type("digest");
    await helen.waitFor(/Members I cannot reach[^\n]*\n• Lena Fischer/);
    await helen.close();
  });

  it("is refused with NODE_ENV=production unless --force", async () => {
    const production = {
      NODE_ENV: "production",
      MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000000",
      MICROSOFT_APP_PASSWORD: "test-password",
    };
    const refused = openChat(database, SAMIR, { env: production });
    const { code, stderr } = await refused.close();
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^NODE_ENV is production: collab chat --as samir.patel@eastbrook.example .*--force/,
    );
    const forced = openChat(database, SAMIR, { env: production, args: ["--force"] });
    await forced.waitFor("You are chatting as Samir Patel");
    expect((await forced.close()).code).toBe(0);
  });
});

describe("the patient-data guard in a terminal form", () => {
  let database: TestDatabase;
  let checkinNow: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    const demo = await runWith(database, ["demo"]);
    checkinNow = /jobs run checkins --now (\S+)/.exec(demo.stdout)?.[1] ?? "";
  });
  afterEach(async () => {
    await database.close();
  });

  it("asks for a refused check-in note again, so the rephrased note is not read as a command", async () => {
    const chat = openChat(database, AMARA);
    await chat.waitFor("`quit` to leave.");
    chat.type(`jobs run checkins --now ${checkinNow}`);
    const prompt = await chat.waitFor(/\[\d+\] Blocked/);
    chat.type(/\[(\d+)\] On track/.exec(prompt)?.[1] ?? "");
    await chat.waitFor("A short note (optional)");
    chat.type("NHS number 401 023 2137 withdrew");
    await chat.waitFor("Please check:\n  A short note (optional): Nothing was recorded yet.");
    await chat.waitFor("A short note (optional)");
    chat.type("one participant withdrew");
    await chat.waitFor("(updated)\nRecorded: on track");
    expect((await chat.close()).code).toBe(0);
    expect(chat.transcript).not.toContain("I don't know");
    const [answered] = await database.db
      .select()
      .from(checkinPrompts)
      .where(eq(checkinPrompts.personId, await personId(database, AMARA)));
    expect(answered).toMatchObject({ answer: "on_track", note: "one participant withdrew" });
  });
});

/** 09:05 UTC on the first Monday after now: past a London coordinator's default digest hour, winter or summer. */
function nextMondayMorning(): string {
  const day = new Date();
  day.setUTCHours(9, 5, 0, 0);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 1);
  return day.toISOString().replace(".000Z", "Z");
}

describe("a coordinator in the terminal", () => {
  const database = useDemoDatabase();

  it("reads the programme's digest on request, and when the digests job sends it", async () => {
    const chat = openChat(database(), HELEN);
    chat.type("digest");
    const asked = await chat.waitFor(/Members I cannot reach[^\n]*\n• Lena Fischer/);
    expect(asked).toContain("Digest: Northfield Cancer Partnership\n=====================================");
    // The demo's partnerships began weeks ago: not new this period, and bold shows as plain text.
    expect(asked).not.toContain("New partnerships");
    expect(asked).not.toContain("*");

    const monday = nextMondayMorning();
    chat.type(`jobs run digests --now ${monday}`);
    await chat.waitFor(`digests as of ${monday.replace("Z", ".000Z")}: 1 digest enqueued`);
    await chat.waitFor("--- new message ---\nDigest: Northfield Cancer Partnership");
    expect((await chat.close()).code).toBe(0);
  });
});

describe("celebrations in the terminal", () => {
  const database = useDemoDatabase();

  it("counts the terminal as a channel for `celebrate here`, and shows the celebration there", async () => {
    const helen = openChat(database(), HELEN);
    await helen.waitFor("`quit` to leave.");
    helen.type("celebrate here");
    await helen.waitFor(
      "Done: milestones and anniversaries of Northfield Cancer Partnership will be celebrated in this channel.",
    );
    await helen.close();

    const amara = await openMilestoneForm(database(), AMARA, "Ethics approval granted");
    amara.type("");
    const achieved = await amara.waitFor(/Achieved now\?[\s\S]*Yes, achieved now/);
    amara.type(/\[?(\d+)\]?\D*Yes, achieved now/.exec(achieved)?.[1] ?? "");
    await amara.waitFor("Ethics approval granted");
    await amara.close();

    const again = openChat(database(), HELEN);
    await again.waitFor("`quit` to leave.");
    again.type("jobs run celebrations");
    await again.waitFor("1 celebration post enqueued");
    await again.waitFor(/--- new message ---[\s\S]*Ethics approval granted/);
    expect((await again.close()).code).toBe(0);
  });
});

describe("the milestone form in the terminal", () => {
  const database = useDemoDatabase();

  it("asks again at once for a bad due date, naming the format, and again for just a refused title", async () => {
    const amara = await openMilestoneForm(database(), AMARA, "Recruit the patient born 14/07/1961");
    amara.type("31/03/2027");
    const refused = await amara.waitFor("Write the date as YYYY-MM-DD, e.g. 2027-03-31.");
    expect(refused).not.toContain("Achieved now?");
    amara.type("2027-03-31");
    await amara.waitFor("Achieved now?");
    amara.type("");
    // The patient-data guard refuses the title at submission: only the title is asked again, the rest is kept.
    const guarded = await amara.waitFor(/Please check:[\s\S]*rephrase[\s\S]*Milestone/);
    expect(guarded.slice(guarded.lastIndexOf("Please check:"))).not.toMatch(/Kind|Due date|Achieved now/);
    amara.type("Ethics submission");
    await amara.waitFor("Saved “Ethics submission");
    amara.type("quit");
    expect((await amara.close()).code).toBe(0);
    const rows = await database().db.select().from(milestones);
    expect(rows.map((m) => [m.title, m.dueOn, m.achievedAt])).toEqual([
      ["Ethics submission", "2027-03-31", null],
    ]);
  });
});

describe("collab demo", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  it("loads the programme once, says what to try next, and changes nothing the second time", async () => {
    const first = await runWith(database, ["demo"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Loaded the demo programme "Northfield Cancer Partnership": 9 invented people/,
    );
    expect(first.stdout).toContain("npx collab chat --as amara.nwosu@riverside.example");
    // It speaks of the database it is on.
    if (database.url) {
      expect(first.stdout).toContain("PostgreSQL serves several chats at once");
      expect(first.stdout).not.toContain("embedded");
    } else {
      expect(first.stdout).toContain("one chat at a time on the embedded database");
    }
    expect(first.stdout).toMatch(/jobs run checkins --now \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z/);
    const before = await exportOf(database);
    expect(before.tables.partnerships).toHaveLength(2);
    expect(before.tables.partnership_members).toHaveLength(4);
    expect(before.tables.mentorships).toHaveLength(1);
    expect(before.tables.programme_members?.filter((m) => m.role === "coordinator")).toHaveLength(1);

    const second = await runWith(database, ["demo"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /^The demo programme "Northfield Cancer Partnership" is already loaded; nothing changed\./,
    );
    const after = await exportOf(database);
    expect(withoutExportAudit(after)).toEqual(withoutExportAudit(before));
  });
});
