// Every button counts once: a scenario drives every feature, collects each button and form the product renders
// (Block Kit and Adaptive Cards), presses each twice (on PostgreSQL at once from two instances) and checks every table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../src/app/create-services.ts";
import { slackActor } from "../../src/bots/slack/actor.ts";
import { renderBlockKit, renderSlackModal } from "../../src/bots/slack/render-block-kit.ts";
import { slackTraits } from "../../src/bots/slack/slack-traits.ts";
import { renderAdaptiveCard, renderAdaptiveCardForm } from "../../src/bots/teams/render-adaptive-card.ts";
import { type DoorMessage, messageForDoor } from "../../src/core/door-traits.ts";
import type { ActionHandler, Reply } from "../../src/core/feature.ts";
import { HOME_OPEN_ACTION } from "../../src/core/home/create-home-feature.ts";
import type { Form } from "../../src/core/message.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import {
  buttonPresses,
  checkinPrompts,
  checkinQuestions,
  checkins,
  meetAsks,
  mentorships,
  milestones,
  outbox,
  programmeMembers,
  programmes,
  publicationAuthors,
  publications,
} from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { exportOf } from "../helpers/cli.ts";
import { createTestClock, startClockedApp } from "../helpers/clocked-app.ts";
import { seedProfile, slackButtons, submitActions } from "../helpers/collab.ts";
import { onPostgres } from "../helpers/database.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { snapshotTables } from "../helpers/table-snapshot.ts";
import { createCapturingLogger, type TestApp } from "../helpers/test-app.ts";

interface Press {
  actionId: string;
  value: string;
  inputs: Record<string, string>;
  userId: string;
}

/** The action handler a press reaches, as the core finds it (exact id, else an owning prefix). */
function handlerOf(actions: readonly ActionHandler[], actionId: string): ActionHandler | undefined {
  return (
    actions.find((a) => a.actionId === actionId) ??
    actions.find((a) => /[.:]$/.test(a.actionId) && actionId.startsWith(a.actionId))
  );
}

/** Action ids the product renders that no handler covers with a declared press policy. */
function uncovered(actions: readonly ActionHandler[], actionIds: Iterable<string>): string[] {
  const kinds = new Set(["once", "reads", "sets"]);
  return [...actionIds].filter((id) => !kinds.has(handlerOf(actions, id)?.presses?.kind ?? ""));
}

/** The buttons of a message as both renderers draw them; they must agree. */
function buttonsOf(message: DoorMessage, userId: string): Press[] {
  // Block Kit action ids are unique within a message: the renderer suffixes repeats with "#n", the door strips it.
  const slack = slackButtons(
    renderBlockKit(messageForDoor(message, slackTraits), { tenantId: FAKE_TEAM_ID }).blocks,
  );
  const teams = submitActions(
    renderAdaptiveCard(messageForDoor(message, slackTraits), { tenantId: "t" }).card,
  );
  const id = (actionId: string) => actionId.replace(/#\d+$/, "");
  const fromSlack = slack.map((b) => `${id(b.action_id)}|${b.value ?? ""}`).sort();
  const fromTeams = teams.map((a) => `${a.data.actionId}|${a.data.value ?? ""}`).sort();
  expect(fromTeams).toEqual(fromSlack);
  return slack.map((b) => ({ actionId: id(b.action_id), value: b.value ?? "", inputs: {}, userId }));
}

/** A form as a person fills it in: each choice's initial or first option, each text its initial or a title. */
function submissionOf(form: Form, userId: string): Press {
  const modal = renderSlackModal(form, { tenantId: FAKE_TEAM_ID });
  const card = renderAdaptiveCardForm(form, { tenantId: "t" }).card;
  expect(modal.callback_id).toBe(form.submitActionId);
  expect(JSON.stringify(card)).toContain(form.submitActionId);
  const inputs: Record<string, string> = {};
  for (const block of form.blocks) {
    if (block.type === "choice") {
      const initial = Array.isArray(block.initial) ? block.initial[0] : block.initial;
      inputs[block.id] = (initial as string | undefined) ?? block.options[0]?.value ?? "";
    } else if (block.type === "text-input") {
      inputs[block.id] = block.initial ?? (block.optional ? "" : "Ethics approval");
    }
  }
  return { actionId: form.submitActionId, value: form.value ?? "", inputs, userId };
}

function collect(reply: Reply, userId: string): Press[] {
  if (reply.kind === "message") return buttonsOf(reply.message, userId);
  if (reply.kind === "form") return [submissionOf(reply.form, userId)];
  if (reply.kind === "update")
    return [...buttonsOf(reply.message, userId), ...(reply.form ? [submissionOf(reply.form, userId)] : [])];
  return [];
}

/**
 * Every table (what `collab export` holds, read in one query: it runs twice per press), without what a read or a
 * repeated setting writes by design: the audit log, and the bookkeeping stamps `last_seen_at` (each press is a
 * contact) and `updated_at` (a form saved again with the same values).
 */
async function exportState(database: Database) {
  const data = await snapshotTables(database.db);
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const [name, rows] of Object.entries(data)) {
    if (name === "audit_log") continue;
    tables[name] = rows.map(({ last_seen_at: _seen, updated_at: _updated, ...row }) => row);
  }
  return tables;
}

describe("every button counts once", () => {
  const clock = createTestClock("2026-11-24T10:05:00Z"); // a Tuesday, 10:05 in London
  let t: TestApp;
  let other: { services: Services; database: Database } | null = null;
  const users = { cora: "U0CORA001", ana: "U0ANA0001", ben: "U0BEN0001", stranger: "U0NEW0001" };
  const byPerson = new Map<string, string>();

  beforeAll(async () => {
    t = await startClockedApp(clock);
    const db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    const seed = (email: string, name: string, slackUserId: string, extra: object) =>
      seedProfile(db, { email, name, slackUserId, timezone: "Europe/London", ...extra });
    const cora = await seed("cora@uni.org", "Cora", users.cora, {});
    const ana = await seed("ana@uni.org", "Ana Lima", users.ana, {
      expertise: ["oncology"],
      needs: ["biostatistics"],
    });
    const ben = await seed("ben@uni.org", "Ben Ode", users.ben, { expertise: ["radiology"] });
    const dee = await seed("dee@uni.org", "Dee Park", "U0DEE0001", {
      expertise: ["biostatistics", "survival analysis"],
      offers: ["biostatistics"],
    });
    for (const [id, name] of [
      [cora, users.cora],
      [ana, users.ana],
      [ben, users.ben],
      [dee, "U0DEE0001"],
    ] as const)
      byPerson.set(id, name);
    await db.insert(programmeMembers).values([
      { programmeId: programme!.id, personId: cora, role: "coordinator" },
      { programmeId: programme!.id, personId: ana, role: "member" },
      { programmeId: programme!.id, personId: ben, role: "member" },
      { programmeId: programme!.id, personId: dee, role: "member" },
    ]);
    const partnership = await seedPartnership(db, {
      title: "Ana & Ben",
      members: [ana, ben],
      programmeId: programme!.id,
      startedAt: "2026-10-01T00:00:00Z",
    });
    // Last period's check-in was answered "blocked": the digest lists the pair at risk, with Nudge and Pause.
    const [past] = await db
      .insert(checkins)
      .values({
        partnershipId: partnership,
        periodKey: "2026-W47",
        periodStart: new Date("2026-11-16T00:00:00Z"),
        periodEnd: new Date("2026-11-23T00:00:00Z"),
      })
      .returning();
    await db.insert(checkinPrompts).values({
      checkinId: past!.id,
      personId: ana,
      dueAt: new Date("2026-11-17T10:00:00Z"),
      status: "answered",
      answer: "blocked",
      answeredAt: new Date("2026-11-17T11:00:00Z"),
    });
    // More pairs at risk than the digest lists: it offers "Show all".
    for (let i = 0; i < 6; i++) {
      const pair = await seedPartnership(db, {
        title: `Study ${i}`,
        members: [ben, dee],
        programmeId: programme!.id,
        startedAt: "2026-10-01T00:00:00Z",
      });
      const [checkin] = await db
        .insert(checkins)
        .values({
          partnershipId: pair,
          periodKey: "2026-W47",
          periodStart: new Date("2026-11-16T00:00:00Z"),
          periodEnd: new Date("2026-11-23T00:00:00Z"),
        })
        .returning();
      await db.insert(checkinPrompts).values({
        checkinId: checkin!.id,
        personId: dee,
        dueAt: new Date("2026-11-17T10:00:00Z"),
        status: "answered",
        answer: "needs_attention",
        answeredAt: new Date("2026-11-17T11:00:00Z"),
      });
    }
    // A week after their intro both are asked "Did you meet?" (the meet-asks job sends it at 10:00 local).
    await db.insert(meetAsks).values(
      [ana, ben].map((personId) => ({
        partnershipId: partnership,
        personId,
        dueAt: new Date("2026-11-17T10:00:00Z"),
      })),
    );
    // The pair's check-in asks the coordinator's own question: its choice buttons count once too.
    await db.insert(checkinQuestions).values({
      partnershipId: partnership,
      question: "Are the samples on schedule?",
      choices: [
        { label: "Samples in", state: "on_track" },
        { label: "Stuck", state: "blocked" },
      ],
      freeTextQuestion: "What is the next step?",
    });
    await db.insert(milestones).values({ partnershipId: partnership, title: "Protocol approved" });
    await db.insert(mentorships).values({
      mentorId: ben,
      menteeId: ana,
      programmeId: programme!.id,
      nextFollowUpAt: new Date("2026-11-24T09:00:00Z"),
    });
    // A paper of Ana's: `papers` lists it with Hide (then Show).
    const [paper] = await db
      .insert(publications)
      .values({ pmid: "39000001", titleKey: "sepsis|2024", title: "Sepsis biomarkers", year: 2024 })
      .returning();
    await db
      .insert(publicationAuthors)
      .values({ publicationId: paper!.id, position: 1, name: "Ana", personId: ana });
    if (onPostgres) {
      // A second bot process on the same database, with its own pool.
      const database = await openDatabase({ kind: "postgres", url: t.database.url!, maxConnections: 4 });
      const logger = createCapturingLogger([]);
      other = { database, services: await createServices({ config: t.config, logger, database, clock }) };
    }
  });
  afterAll(async () => {
    await other?.database.close();
    await t.close();
  });

  /** Everything the scenario shows: command replies and the outbox (jobs, intros), as buttons and forms. */
  async function discover(): Promise<Press[]> {
    const core = t.app.core;
    const found: Press[] = [];
    const say = async (userId: string, text: string) =>
      found.push(
        ...collect(await core.handleCommand({ actor: slackActor(FAKE_TEAM_ID, userId), text }), userId),
      );
    await say(users.ana, "partnerships");
    await say(users.cora, "partnerships");
    await say(users.ana, "milestone");
    await say(users.ana, "milestone achieved");
    await say(users.ana, "mentor log");
    await say(users.ana, "profile");
    await say(users.ana, "papers");
    await say(users.stranger, "profile");
    await say(users.stranger, "find-collaborator biostatistics");
    await say(users.ana, "find-collaborator biostatistics for survival analysis");
    await say(users.cora, "digest");
    await say(users.cora, "digest settings");
    await say(users.ana, "away");
    await say(users.cora, "window");
    await say(users.cora, "question");
    await say(users.cora, "question Ana & Ben");
    await say(users.ana, "history Ana & Ben");
    // Slack's Home tab: the overview a door builds when the person opens it, and its buttons.
    found.push({ actionId: HOME_OPEN_ACTION, value: "", inputs: {}, userId: users.ana });
    for (const job of t.app.jobs) await job.run(clock.now());
    for (const row of await t.database.db.select().from(outbox)) {
      const userId = byPerson.get(row.personId ?? "") ?? users.cora;
      const message = row.message as DoorMessage;
      found.push(...buttonsOf(message, userId));
      // A card's refresh (Teams runs it as a member views the card) is pressed like a button.
      if (message.refresh) found.push({ ...message.refresh, inputs: {}, userId });
    }
    return found;
  }

  it("presses every button and form the product renders twice; the second changes nothing", async () => {
    const pressed = new Set<string>();
    const seenIds = new Set<string>();
    const actions = t.app.core.actions();
    let fromReplies: Press[] = [];
    for (let round = 0; round < 3; round++) {
      const presses = [...(await discover()), ...fromReplies].filter(
        (p) => !pressed.has(`${p.actionId}|${p.value}|${p.userId}`),
      );
      fromReplies = [];
      for (const press of presses) {
        pressed.add(`${press.actionId}|${press.value}|${press.userId}`);
        seenIds.add(press.actionId);
        const input = { actor: slackActor(FAKE_TEAM_ID, press.userId), ...press };
        const cores = [t.app.core, other?.services.core ?? t.app.core];
        // Pressed twice: at once from two instances on PostgreSQL, one after the other on PGlite.
        const ledgerBefore = (await t.database.db.select().from(buttonPresses)).length;
        const replies = onPostgres
          ? await Promise.all(cores.map((core) => core.handleAction(input)))
          : [await cores[0]!.handleAction(input), await cores[1]!.handleAction(input)];
        const counted = (await t.database.db.select().from(buttonPresses)).length - ledgerBefore;
        for (const reply of replies) fromReplies.push(...collect(reply, press.userId));
        const afterTwo = await exportState(t.database);
        const again = await t.app.core.handleAction(input);
        const afterThree = await exportState(t.database);
        const what = `${press.actionId} ${press.value}`;
        expect(afterThree, what).toEqual(afterTwo);
        expect(counted, what).toBeLessThanOrEqual(1);
        if (counted === 1) {
          // The press that counted is in the ledger; the other, and any later one, is told what was recorded.
          expect(handlerOf(actions, press.actionId)?.presses.kind, what).toBe("once");
          const told = replies.filter((r) => JSON.stringify(r).includes("Recorded on"));
          expect(told, what).toHaveLength(1);
          expect(JSON.stringify(again), what).toContain("Recorded on");
        }
      }
      clock.set(new Date(clock.now().getTime() + 60_000));
    }
    // The scenario reached every action the product has, and each declares how its presses count.
    const handlers = actions.map((a) => a.actionId);
    for (const id of handlers)
      expect(
        [...seenIds].some((s) => s === id || s.startsWith(id)),
        id,
      ).toBe(true);
    expect(uncovered(actions, seenIds)).toEqual([]);
    // The presses that counted are in the ledger, one per prompt and slot.
    const ledger = await t.database.db.select().from(buttonPresses);
    const pressedKinds = new Set(ledger.map((r) => r.pressed.split(":")[0]));
    for (const id of ["mentor.followup", "checkin.answer", "intro.request", "digest.nudge", "meet"])
      expect(pressedKinds, id).toContain(id);
    // A custom choice's press is the one that counted for its prompt.
    expect(ledger.map((r) => r.outcome)).toContain("you answered “Samples in”");
    // The state compared after each press covers every table that `collab export` holds.
    const exported = Object.keys((await exportOf(t.database)).tables).sort();
    expect(Object.keys(await snapshotTables(t.database.db)).sort()).toEqual(exported);
  }, 600_000);

  it("an action id without a declared press policy is caught", () => {
    const actions = [
      ...t.app.core.actions(),
      {
        actionId: "new.button",
        access: "anyone",
        run: async () => ({ kind: "none" }),
      } as unknown as ActionHandler,
    ];
    expect(uncovered(actions, ["mentor.followup:done", "new.button", "never.registered"])).toEqual([
      "new.button",
      "never.registered",
    ]);
  });
});
