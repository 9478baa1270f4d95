// Universal Actions on Teams: a check-in card's Action.Execute press answered with the updated card, in place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.ts";
import { createTestClock, runJobBetween, startClockedApp } from "../../helpers/clocked-app.ts";
import { cardOf } from "../../helpers/collab.ts";
import { promptOf, seedPartnership } from "../../helpers/partnerships.ts";
import { seedPerson } from "../../helpers/seed.ts";
import { adaptiveCardInvoke, postActivity, teamsUserBob } from "../../helpers/teams-activities.ts";
import type { TestApp } from "../../helpers/test-app.ts";

interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: string;
  data: Record<string, unknown>;
  fallback?: { type: string; data: Record<string, unknown> };
}

/** The buttons: Action.Execute wherever they are, but the refresh. */
function executeActions(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "Action.Execute") found.push(record as unknown as ExecuteAction);
      // The card's refresh action is no button (test/bots/teams/card-refresh.test.ts).
      for (const [key, value] of Object.entries(record)) if (key !== "refresh") walk(value);
    }
  };
  walk(card);
  return found;
}

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

describe("Teams Universal Actions: adaptiveCard/action through the real CloudAdapter", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  let db: Db;
  let bobId: string;
  let promptCard: Record<string, unknown>;
  let promptMessageId: string;

  const invoke = async (activity: unknown) => {
    const response = await postActivity(t.baseUrl, activity);
    return { status: response.status, body: JSON.parse(response.text || "null") as InvokeBody | null };
  };

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    bobId = await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      timezone: "Europe/Berlin",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    const ana = await seedPerson(db, { email: "ana@northfield.ac.uk", name: "Ana Silva" });
    await seedPartnership(db, { title: "Cohort study", members: [bobId, ana] });
    await runJobBetween(t, clock, "checkins", { from: "2026-11-24T08:30:00Z", to: "2026-11-24T09:30:00Z" });
    const sent = t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply");
    expect(sent).toHaveLength(1);
    promptCard = cardOf(sent[0]!.activity);
    promptMessageId = sent[0]!.replyId!;
  });
  afterAll(async () => {
    await t.close();
  });

  it("renders the prompt's buttons as Action.Execute whose verb is the action, with an Action.Submit fallback", () => {
    const actions = executeActions(promptCard);
    expect(actions.map((a) => a.title)).toEqual(["On track", "Needs attention", "Blocked"]);
    for (const action of actions) {
      expect(action.verb).toBe(action.data.actionId);
      expect(action.fallback).toEqual(expect.objectContaining({ type: "Action.Submit", data: action.data }));
    }
  });

  it("records the answer and answers the invoke with the updated card, sending no second message", async () => {
    clock.set("2026-11-24T10:00:00Z");
    const onTrack = executeActions(promptCard).find((a) => a.title === "On track")!;
    const before = t.connector.calls.length;
    const answer = await invoke(
      adaptiveCardInvoke(
        t.connector.serviceUrl,
        { verb: onTrack.verb, data: { ...onTrack.data, "checkin-note": "Recruitment is ahead of plan" } },
        { replyToId: promptMessageId },
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const card = answer.body!.value as { type: string; version: string };
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(JSON.stringify(card)).toContain("Recorded: on track — thank you");
    // The card changed in the invoke answer: nothing was sent or updated through the connector.
    expect(t.connector.calls.slice(before)).toEqual([]);
    const [prompt] = await promptOf(db, bobId);
    expect(prompt).toMatchObject({
      status: "answered",
      answer: "on_track",
      note: "Recruitment is ahead of plan",
    });
  });

  it("answers a second press with the card saying it was answered already", async () => {
    const blocked = executeActions(promptCard).find((a) => a.title === "Blocked")!;
    const answer = await invoke(
      adaptiveCardInvoke(t.connector.serviceUrl, { verb: blocked.verb, data: blocked.data }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body?.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(answer.body?.value)).toContain(
      "Recorded on Tue 24 November 2026, 10:00: you answered",
    );
    expect((await promptOf(db, bobId))[0]).toMatchObject({ answer: "on_track" });
  });

  it("answers a refused profile card with the card again, holding what was typed and why", async () => {
    const answer = await invoke(
      adaptiveCardInvoke(t.connector.serviceUrl, {
        verb: "profile.save",
        data: {
          actionId: "profile.save",
          name: "Bob Okafor",
          institution: "St Mary's",
          role: "Research nurse",
          needs: "records for DOB 14/07/1961",
          mentoring: "no",
        },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body?.type).toBe("application/vnd.microsoft.card.adaptive");
    const card = JSON.stringify(answer.body?.value);
    expect(card).toContain("Please check:");
    expect(card).toContain("What you are looking for: ");
    expect(card).toContain('"value":"Research nurse"');
    expect(card).toContain("records for DOB 14/07/1961");
  });

  it("answers a press of an unknown action with a short note rather than replacing the card", async () => {
    const answer = await invoke(
      adaptiveCardInvoke(t.connector.serviceUrl, { verb: "no.such.action", data: {} }),
    );
    expect(answer).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: "That button no longer works.",
      },
    });
  });

  it("answers an invoke with no verb (and no actionId) with a documented 400 body, HTTP 200", async () => {
    const answer = await invoke(adaptiveCardInvoke(t.connector.serviceUrl, { verb: "", data: {} }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
  });

  it("answers other invokes with 200 and a short note, never 501", async () => {
    const base = adaptiveCardInvoke(t.connector.serviceUrl, { verb: "x", data: {} });
    for (const name of ["composeExtension/query", "task/fetch", "signin/verifyState", "fileConsent/invoke"]) {
      const answer = await invoke({ ...base, name, value: {} });
      expect(answer.status, name).toBe(200);
      expect(answer.body, name).toMatchObject({
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
      });
    }
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});
