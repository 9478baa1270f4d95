// Starts the whole service like startTestApp, but on a clock the test moves (for jobs and delivery "as of" an instant).
import { outbox } from "../../src/db/schema.ts";
import { startTestApp, type TestApp } from "./test-app.ts";

export interface TestClock {
  now(): Date;
  set(at: Date | string): void;
}

export function createTestClock(start: Date | string = new Date()): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set(at) {
      current = new Date(at);
    },
  };
}

/** The whole service like startTestApp, on a clock the test moves. */
export function startClockedApp(clock: TestClock): Promise<TestApp> {
  return startTestApp({}, { clock });
}

/** Delivers everything due; what is still pending (paced, or a dropped connection) is tried a minute later. */
export async function deliverAll(t: TestApp, clock: TestClock): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await t.app.delivery.drain();
    const pending = (await t.database.db.select().from(outbox)).filter((r) => r.status === "pending");
    if (pending.length === 0) return;
    clock.set(new Date(clock.now().getTime() + 60_000));
  }
}

/** A Slack view_submission payload (interactivity), as Slack posts it when a modal is submitted. */
export function viewSubmission(input: {
  userId: string;
  callbackId: string;
  values: Record<string, { type: string; value?: string; selected_option?: { value: string } }>;
  privateMetadata?: string;
  teamId?: string;
}) {
  const teamId = input.teamId ?? "T0FAKE001";
  const state: Record<string, Record<string, unknown>> = {};
  for (const [id, element] of Object.entries(input.values)) state[id] = { [id]: element };
  return {
    type: "view_submission",
    team: { id: teamId, domain: "research-uni" },
    user: {
      id: input.userId,
      username: input.userId.toLowerCase(),
      name: input.userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: "A0COLLAB01",
    token: "deprecated-verification-token",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    view: {
      id: "V0MODAL01",
      team_id: teamId,
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? "",
      state: { values: state },
      hash: "1",
      blocks: [],
      title: { type: "plain_text", text: "Form" },
      app_id: "A0COLLAB01",
      bot_id: "B0FAKE001",
    },
  };
}

/**
 * Ticks a scheduled job through the scheduler every `stepMinutes` from `from` to `to` (inclusive), moving the clock as
 * cron would, then delivers what it wrote to the outbox.
 */
export async function runJobBetween(
  t: TestApp,
  clock: TestClock,
  name: string,
  window: { from: string; to: string; stepMinutes?: number },
): Promise<void> {
  const job = t.app.jobs.find((j) => j.name === name);
  if (!job) throw new Error(`no job named ${name}`);
  const step = (window.stepMinutes ?? 15) * 60_000;
  for (let at = Date.parse(window.from); at <= Date.parse(window.to); at += step) {
    clock.set(new Date(at));
    await t.app.scheduler.tick(job, new Date(at));
  }
  await deliverAll(t, clock);
}
