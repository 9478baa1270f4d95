// Two weeks of activity through the real commands, buttons and jobs (CSV import, /find-collaborator, intros,
// check-ins, milestones, intro expiry), then the `digests` job: every figure of the digest on Slack and on Teams.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatDate } from "../../src/core/local-date.ts";
import type { Db } from "../../src/db/client.ts";
import { auditLog, checkinPrompts, intros, milestones, partnerships, people } from "../../src/db/schema.ts";
import { cardProblems } from "../helpers/adaptive-card-check.ts";
import { fixture, runWith } from "../helpers/cli.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import {
  cardOf,
  type ModalView,
  outboxOf,
  postInteraction,
  pressSlackButton,
  type SlackUser,
  slackButtons,
  submitActions,
  teamsSay,
  teamsSubmit,
  viewSubmissionPayload,
} from "../helpers/collab.ts";
import { outboxRow, promptOf } from "../helpers/partnerships.ts";
import { postToSlackEndpoint, slashCommandBody } from "../helpers/slack-requests.ts";
import { postActivity, type TeamsUser } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Monday 00:00 UTC, 8 to 14 days ahead. The CLI and the database stamp some rows with the real time (imports,
 * a coordinator's start); the test's weeks come after it, so its figures hold whenever it runs.
 */
function comingMonday(now = new Date()): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight + (14 - sinceMonday) * DAY);
}
const MONDAY = comingMonday();
/** An instant `days` (and hours, minutes) after the Monday of week A; week B starts at day 7, the digest at 14. */
const at = (days: number, hours = 0, minutes = 0) =>
  new Date(MONDAY.getTime() + days * DAY + hours * HOUR + minutes * MINUTE);
const day = (instant: Date) => formatDate(instant.toISOString().slice(0, 10));
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const parsed = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
const slackUser = (id: string, name: string): SlackUser => ({ id, name });
const teamsUser = (key: string, name: string): TeamsUser => ({
  id: `29:${key}`,
  aadObjectId: `aad-${key}`,
  name,
});

const cora = slackUser("U0CORA001", "cora");
const alice = slackUser("U0ALICE01", "alice");
const chen = slackUser("U0CHEN001", "chen");
const ana = slackUser("U0ANA0001", "ana");
const ben = slackUser("U0BEN0001", "ben");
const cleo = slackUser("U0CLEO001", "cleo");
const GUS = "U0GUS0001"; // Slack answers user_not_found: he has left the workspace
const tomas = teamsUser("tomas", "Tomas Silva");
const bo = teamsUser("bo", "Bo Okafor");
const dana = teamsUser("dana", "Dana Reyes");
const ivo = teamsUser("ivo", "Ivo Petrov");
// Hana is on Teams in the CSV but never opens the app: the bot has no conversation to write to her in.

describe("a digest of two weeks driven through the real commands and jobs", () => {
  const clock = createTestClock(at(-1, 12));
  let t: TestApp;
  let db: Db;
  /** Person ids by the name before the @ of their email, partnership ids by title. */
  const ids: Record<string, string> = {};
  let requests = 0;

  const job = (name: string) => t.app.jobs.find((j) => j.name === name)!;

  /** Runs a job as of an instant, as its cron tick would, and delivers what it enqueued. */
  const runJob = async (name: string, when: Date) => {
    clock.set(when);
    const result = await job(name).run(when);
    await deliverAll(t, clock);
    return result;
  };

  const teamsTo = (user: TeamsUser) =>
    t.connector.calls.filter(
      (c) =>
        (c.kind === "send" || c.kind === "reply") && c.conversationId === `a:personal-${user.aadObjectId}`,
    );

  /** `/find-collaborator` on Slack: it acks at once and answers at the response_url; the answer's buttons. */
  const slackFind = async (user: SlackUser, need: string) => {
    const id = `find-${++requests}`;
    const body = slashCommandBody({
      command: "/find-collaborator",
      text: need,
      user_id: user.id,
      user_name: user.name,
      response_url: t.slackApi.responseUrl(id),
    });
    expect((await postToSlackEndpoint(t.baseUrl, body)).status).toBe(200);
    const answer = await vi.waitFor(() => {
      const found = t.slackApi.calls.find((c) => c.method === "response_url" && c.args._id === id);
      if (!found) throw new Error("no answer at the response_url yet");
      return found;
    });
    return slackButtons(answer.args.blocks);
  };

  const slackClick = async (
    user: SlackUser,
    button: { action_id: string; value?: string },
    container: { channelId: string; messageTs: string; ephemeral?: boolean },
  ) => {
    expect((await pressSlackButton(t, user, button, container, `click-${++requests}`)).status).toBe(200);
  };

  const teamsClick = async (user: TeamsUser, data: Record<string, unknown>, replyToId?: string) => {
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, user, data, replyToId),
    );
    expect(response.status).toBe(200);
  };

  const introBetween = async (requester: string, candidate: string) =>
    db
      .select()
      .from(intros)
      .where(and(eq(intros.requesterId, ids[requester]!), eq(intros.candidateId, ids[candidate]!)));

  /** Presses an answer button of a person's latest check-in prompt, on their platform, and waits until recorded. */
  const answerCheckin = async (key: string, label: "On track" | "Blocked", user: SlackUser | TeamsUser) => {
    const [prompt] = (await promptOf(db, ids[key]!)).sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
    const row = await outboxRow(db, prompt!.outboxId!);
    if ("aadObjectId" in user) {
      const card = cardOf(teamsTo(user).at(-1)!.activity);
      expect(JSON.stringify(card)).toContain("going?");
      const button = submitActions(card).find((a) => a.title === label)!;
      await teamsClick(user, button.data, row.platformMessageId!);
    } else {
      const post = t.slackApi
        .callsTo("chat.postMessage")
        .filter((c) => c.args.channel === user.id && String(c.args.text).includes("going?"))
        .at(-1)!;
      const button = slackButtons(parsed(post.args.blocks)).find((b) => b.text.text === label)!;
      await slackClick(user, button, {
        channelId: row.platformChannelId!,
        messageTs: row.platformMessageId!,
      });
    }
    await vi.waitFor(async () => {
      const [answered] = await promptOf(db, ids[key]!, prompt!.checkinId);
      expect(answered?.status).toBe("answered");
    });
  };

  /** `/collab milestone` on Slack and the modal it opens, submitted with these values. */
  const slackMilestone = async (user: SlackUser, values: Record<string, string>) => {
    const before = t.slackApi.callsTo("views.open").length;
    const body = slashCommandBody({
      command: "/collab",
      text: "milestone",
      user_id: user.id,
      user_name: user.name,
      response_url: t.slackApi.responseUrl(`milestone-${++requests}`),
    });
    expect((await postToSlackEndpoint(t.baseUrl, body)).status).toBe(200);
    const view = await vi.waitFor(() => {
      const views = t.slackApi.callsTo("views.open").slice(before);
      const found = views
        .map((c) => parsed(c.args.view) as ModalView)
        .find((v) => v.callback_id === "milestone.add");
      if (!found) throw new Error("no milestone modal yet");
      return found;
    });
    const response = await postInteraction(t.baseUrl, viewSubmissionPayload({ user, view, values }));
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    let ts = 1_800_000_000;
    t.slackApi.answer("chat.postMessage", (args) =>
      args.channel === GUS
        ? { ok: false, error: "user_not_found" }
        : { ok: true, channel: args.channel, ts: `${ts++}.000100` },
    );
    for (const [what, file] of [
      ["people", "digest-week-people.csv"],
      ["partnerships", "digest-week-partnerships.csv"],
    ] as const) {
      const run = await runWith(t.database, ["import", what, fixture(file)]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    for (const person of await db.select().from(people)) ids[person.email.split("@")[0]!] = person.id;
    for (const p of await db.select().from(partnerships)) ids[p.title] = p.id;
    // Tomas, Bo and Ivo open the app in Teams once, so the bot keeps a conversation with each.
    for (const user of [tomas, bo, ivo]) {
      expect((await teamsSay(t.baseUrl, t.connector.serviceUrl, user, "help")).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("week A: check-ins sent and answered, an intro requested from Teams, a milestone achieved", async () => {
    // The weekly digest of each coordinator at their own hour: Monday 09:00 in Tokyo (Cora), in UTC (Tomas).
    expect((await runJob("digests", at(0, 9))).counts?.sent).toBe(2);

    // Tuesday 10:00 UTC: one prompt per member; Hana has no Teams conversation, Gus has left Slack.
    expect((await runJob("checkins", at(1, 10))).counts).toMatchObject({
      planned: 3,
      sent: 5,
      unreachable: 1,
    });
    const prompts = await db.select().from(checkinPrompts);
    expect(prompts.filter((p) => p.status === "unreachable").map((p) => p.personId)).toEqual([ids.hana]);
    const [gus] = await promptOf(db, ids.gus!);
    expect((await outboxRow(db, gus!.outboxId!)).status).toBe("failed");

    clock.set(at(1, 11));
    await answerCheckin("ana", "On track", ana);
    await answerCheckin("ben", "On track", ben);
    await answerCheckin("cleo", "On track", cleo);
    await answerCheckin("ivo", "On track", ivo);

    // Wednesday: Dana asks in Teams and requests an intro to Eve, who never answers.
    clock.set(at(2, 12));
    const before = t.connector.calls.length;
    await teamsSay(
      t.baseUrl,
      t.connector.serviceUrl,
      dana,
      "find-collaborator qualitative researcher for patient interviews",
    );
    const suggestions = cardOf(t.connector.calls.slice(before).find((c) => c.kind !== "update")!.activity);
    const toEve = submitActions(suggestions).find((a) => a.data.value?.startsWith(ids.eve!))!;
    await teamsClick(dana, toEve.data, "activity-suggestions");
    expect(await introBetween("dana", "eve")).toMatchObject([{ status: "pending" }]);
    await deliverAll(t, clock);

    // Thursday: Cleo records a milestone as achieved (in week A: not in the digest of week B).
    clock.set(at(3, 12));
    await slackMilestone(cleo, {
      partnership: ids["Imaging study"]!,
      title: "Protocol registered",
      kind: "other",
      due: "",
      achieved: "yes",
    });
    const [protocol] = await db.select().from(milestones).where(eq(milestones.title, "Protocol registered"));
    expect(protocol!.achievedAt?.toISOString()).toBe(at(3, 12).toISOString());
  });

  it("week B: intros accepted, declined and expired, one Blocked answer, milestones achieved and overdue", async () => {
    expect((await runJob("digests", at(7, 0))).counts?.sent).toBe(1); // Cora
    expect((await runJob("digests", at(7, 9))).counts?.sent).toBe(1); // Tomas

    // Monday: Alice asks on Slack and requests intros to Bo (on Teams) and Chen (on Slack).
    clock.set(at(7, 12));
    const buttons = await slackFind(alice, "biostatistician for a breast cancer cohort study");
    const ephemeral = { channelId: "C0GENERAL1", messageTs: "1700000000.000100", ephemeral: true };
    for (const candidate of ["bo", "chen"]) {
      const request = buttons.find(
        (b) => b.action_id === "intro.request" && b.value?.startsWith(ids[candidate]!),
      );
      expect(request).toBeDefined();
      await slackClick(alice, request!, ephemeral);
      await vi.waitFor(async () => expect(await introBetween("alice", candidate)).toHaveLength(1));
    }
    await deliverAll(t, clock);

    clock.set(at(8, 10));
    expect((await runJob("checkins", at(8, 10))).counts).toMatchObject({
      planned: 3,
      sent: 5,
      unreachable: 1,
    });
    clock.set(at(8, 11));
    await answerCheckin("ana", "On track", ana);
    await answerCheckin("cleo", "On track", cleo);
    await answerCheckin("ivo", "Blocked", ivo);
    // Ben does not answer this week.

    // Wednesday: Bo accepts on Teams (a new partnership), Chen declines on Slack.
    clock.set(at(9, 12));
    const [toBo] = (await outboxOf(db, "intro.request")).filter((r) => r.personId === ids.bo);
    const accept = submitActions(cardOf(teamsTo(bo).at(-1)!.activity)).find((a) => a.title === "Accept")!;
    await teamsClick(bo, accept.data, toBo!.platformMessageId!);
    expect(await introBetween("alice", "bo")).toMatchObject([{ status: "accepted" }]);
    const [toChen] = (await outboxOf(db, "intro.request")).filter((r) => r.personId === ids.chen);
    const post = t.slackApi
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === chen.id)
      .at(-1)!;
    const decline = slackButtons(parsed(post.args.blocks)).find((b) => b.action_id === "intro.decline")!;
    await slackClick(chen, decline, {
      channelId: toChen!.platformChannelId!,
      messageTs: toChen!.platformMessageId!,
    });
    await vi.waitFor(async () =>
      expect(await introBetween("alice", "chen")).toMatchObject([{ status: "declined" }]),
    );
    await deliverAll(t, clock);

    // A week after Dana asked, the intro-expiry job closes her unanswered request.
    expect((await runJob("intro-expiry", at(9, 12, 15))).counts?.expired).toBe(1);
    expect(await introBetween("dana", "eve")).toMatchObject([{ status: "expired" }]);

    // Thursday: Ana records an achieved milestone on Slack; Ivo adds one due last week on Teams.
    clock.set(at(10, 12));
    await slackMilestone(ana, {
      partnership: ids["Cohort study"]!,
      title: "Ethics approval granted",
      kind: "ethics_approval",
      due: "",
      achieved: "yes",
    });
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, ivo, "milestone");
    const form = cardOf(t.connector.calls.slice(before).find((c) => c.kind !== "update")!.activity);
    const choice = (form.body as { type: string; id?: string; choices?: { value: string }[] }[]).find(
      (e) => e.id === "partnership",
    );
    expect(choice?.choices?.map((c) => c.value)).toEqual([ids["Registry study"]]);
    const [save] = submitActions(form);
    await teamsClick(ivo, {
      ...save!.data,
      partnership: choice!.choices![0]!.value,
      title: "Data collection complete",
      kind: "data_collection_complete",
      due: at(5).toISOString().slice(0, 10),
      achieved: "no",
    });
    const recorded = await db.select().from(milestones);
    expect(recorded.map((m) => [m.title, m.achievedAt !== null]).sort()).toEqual([
      ["Data collection complete", false],
      ["Ethics approval granted", true],
      ["Protocol registered", true],
    ]);
  });

  it("sends Cora, on Slack, the digest of week B at 09:00 Monday in Tokyo, every figure as it happened", async () => {
    expect((await runJob("digests", at(13, 23, 45))).counts?.sent).toBe(0); // 08:45 in Tokyo
    const before = t.slackApi.callsTo("chat.postMessage").length;
    expect((await runJob("digests", at(14, 0))).counts?.sent).toBe(1); // 09:00 in Tokyo: Cora only
    const [digest, ...more] = t.slackApi.callsTo("chat.postMessage").slice(before);
    expect(more).toEqual([]);
    expect(digest!.args.channel).toBe(cora.id);
    const blocks = parsed(digest!.args.blocks) as { type: string }[];
    expect(slackTexts(blocks)).toEqual([
      "Digest: Oncology Network",
      `${day(at(7))} – ${day(at(14))} · 4 active partnerships`,
      // Five prompts a week; Gus's never reached him, so it is not counted (he is listed at the end).
      "*Check-in responses*\n3 of 4 answered (75%) | *Previous period*\n4 of 4 answered (100%)",
      [
        "Response rate, last 8 periods:",
        ...["2 Nov ", "9 Nov ", "16 Nov", "23 Nov", "30 Nov", "7 Dec "].map((day) => `${day}  no data`),
        "14 Dec  ████████████████████  100 % answered",
        "21 Dec  ███████████████░░░░░  75 % answered",
      ].join("\n"),
      "*Partnerships at risk (1)*",
      "• *Registry study*: answered Blocked",
      "[Nudge members] [Pause partnership]",
      "*Intros*: 2 requested, 1 accepted, 1 declined, 1 expired",
      "*From intro to partnership*: 1 introduction → 0 meetings → 0 active partnerships",
      "Intros accepted this period → pairs who said they met this period → pairs who met and are still active.",
      "*New partnerships (1)*",
      "• *Alice Moreau &amp; Bo Okafor*",
      "*Milestones achieved (1)*",
      "• *Ethics approval granted* — Cohort study",
      "*Milestones overdue (1)*",
      `• *Data collection complete* — Registry study, due ${day(at(5))}`,
      "*Members I cannot reach (2)*",
      [
        "• <@U0GUS0001> (1 undelivered): Slack user not found: they may have left the workspace: check whether they have left; update or remove them in the people CSV",
        "• Hana Sato (St Mary's Hospital) (1 undelivered): no Teams conversation with the bot yet: ask them to open the Collab app in Teams once, or install it for them",
      ].join("\n"),
    ]);
    const risk = slackButtons(blocks);
    // Nudge and Pause carry the partnership and the digest they came in (its period's end).
    expect(risk.map((b) => [b.action_id, b.value?.split("@")[0]])).toEqual([
      ["digest.nudge", ids["Registry study"]],
      ["digest.pause", ids["Registry study"]],
    ]);
    expect(String(digest!.args.text)).toBe(
      "Digest for Oncology Network; check-ins 3 of 4 answered (75%), previous period 4 of 4 answered (100%); trend ······█▆  – · – · – · – · – · – · 100 · 75 %; 1 at risk; 1 milestone overdue; 2 cannot be reached",
    );
    // The audit entry of this digest (the latest of Cora's): counts and ids, never names.
    const audit = (await db.select().from(auditLog).where(eq(auditLog.action, "digest.send")))
      .filter((a) => (a.details as { coordinatorId?: string }).coordinatorId === ids.cora)
      .sort((a, b) => a.id - b.id)
      .at(-1);
    expect(audit?.details).toEqual({
      coordinatorId: ids.cora,
      trigger: "scheduled",
      promptsSent: 4,
      promptsAnswered: 3,
      atRisk: 1,
      introsRequested: 2,
      newPartnerships: 1,
      milestonesAchieved: 1,
      milestonesOverdue: 1,
      followUpsOverdue: 0,
      unreachable: 2,
    });
  });

  it("sends Tomas, on Teams, the same figures at 09:00 UTC, with the response rate drawn as a chart", async () => {
    const before = teamsTo(tomas).length;
    expect((await runJob("digests", at(14, 9))).counts?.sent).toBe(1);
    const [activity, ...more] = teamsTo(tomas).slice(before);
    expect(more).toEqual([]);
    const card = cardOf(activity!.activity);
    expect(cardProblems(card)).toEqual([]);
    const body = card.body as Record<string, unknown>[];
    expect(body.map(teamsText)).toEqual([
      "Digest: Oncology Network",
      `${day(at(7, 9))} – ${day(at(14, 9))} · 4 active partnerships`,
      "Check-in responses: 3 of 4 answered (75%) | Previous period: 4 of 4 answered (100%)",
      "chart: Response rate, last 8 periods",
      "**Partnerships at risk (1)**",
      "• **Registry study**: answered Blocked",
      "[Nudge members] [Pause partnership]",
      "**Intros**: 2 requested, 1 accepted, 1 declined, 1 expired",
      "**From intro to partnership**: 1 introduction → 0 meetings → 0 active partnerships",
      "Intros accepted this period → pairs who said they met this period → pairs who met and are still active.",
      "**New partnerships (1)**",
      "• **Alice Moreau & Bo Okafor**",
      "**Milestones achieved (1)**",
      "• **Ethics approval granted** — Cohort study",
      "**Milestones overdue (1)**",
      `• **Data collection complete** — Registry study, due ${day(at(5))}`,
      "**Members I cannot reach (2)**",
      [
        "• Gus Moss (Eastbridge College) (1 undelivered): Slack user not found: they may have left the workspace: check whether they have left; update or remove them in the people CSV",
        "• <at>Hana Sato</at> (1 undelivered): no Teams conversation with the bot yet: ask them to open the Collab app in Teams once, or install it for them",
      ].join("\n"),
    ]);
    const chart = body.find((e) => e.type === "Chart.VerticalBar")!;
    const weeks = Array.from({ length: 8 }, (_, i) => at(7 * (i - 6), 9));
    expect(chart).toMatchObject({
      title: "Response rate, last 8 periods",
      yAxisTitle: "% answered",
      data: weeks.map((week, i) => ({
        x: `${week.getUTCDate()} ${MONTHS[week.getUTCMonth()]}${i < 6 ? " (no data)" : ""}`,
        y: [0, 0, 0, 0, 0, 0, 100, 75][i],
      })),
      fallback: {
        type: "TextBlock",
        text: "Response rate, last 8 periods: ······█▆  – · – · – · – · – · – · 100 · 75 %",
      },
    });
    const entities = (card.msteams as { entities: { mentioned: { id: string } }[] }).entities;
    expect(entities.map((e) => e.mentioned.id)).toEqual(["aad-hana"]);
  });
});

/** Each Block Kit block as one line of its text: fields joined with " | ", buttons as [label]. */
function slackTexts(blocks: readonly { type: string }[]): string[] {
  return blocks.map((block) => {
    const b = block as {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
      elements?: { text?: string | { text: string } }[];
    };
    if (b.type === "actions")
      return (b.elements ?? []).map((e) => `[${(e.text as { text: string }).text}]`).join(" ");
    if (b.type === "context") return (b.elements ?? []).map((e) => String(e.text)).join(" ");
    if (b.fields) return b.fields.map((f) => f.text).join(" | ");
    return b.text?.text ?? `(${b.type})`;
  });
}

/** Each Adaptive Card element as one line: facts joined with " | ", buttons as [title], a chart by its title. */
function teamsText(element: Record<string, unknown>): string {
  switch (element.type) {
    case "TextBlock":
      return String(element.text);
    case "FactSet":
      return (element.facts as { title: string; value: string }[])
        .map((f) => `${f.title}: ${f.value}`)
        .join(" | ");
    case "ActionSet":
      return (element.actions as { title: string }[]).map((a) => `[${a.title}]`).join(" ");
    case "Chart.VerticalBar":
      return `chart: ${String(element.title)}`;
    default:
      return `(${String(element.type)})`;
  }
}
