// Universal Actions' user-specific views: a check-in card refreshes for whoever views it (adaptiveCard/action,
// trigger "automatic") and shows that person their own state, through the real CloudAdapter at /api/messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardProblems } from "../../helpers/adaptive-card-check.ts";
import { createTestClock, runJobBetween, startClockedApp } from "../../helpers/clocked-app.ts";
import { cardOf } from "../../helpers/collab.ts";
import { seedPartnership } from "../../helpers/partnerships.ts";
import { seedPerson } from "../../helpers/seed.ts";
import {
  adaptiveCardInvoke,
  postActivity,
  type TeamsUser,
  teamsUserBob,
} from "../../helpers/teams-activities.ts";
import type { TestApp } from "../../helpers/test-app.ts";

const chloe: TeamsUser = {
  id: "29:1chloeTeamsUserId",
  aadObjectId: "00000000-0000-0000-0000-00000000c10e",
  name: "Chloe Martin",
};

interface Refresh {
  action: { type: string; verb: string; data: Record<string, unknown> };
  userIds: string[];
}
interface InvokeBody {
  statusCode: number;
  type: string;
  value: { refresh?: Refresh } & Record<string, unknown>;
}

describe("Teams check-in cards refresh to each viewer's own state", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z"); // a Monday
  let t: TestApp;
  const cards = new Map<string, Record<string, unknown>>();

  const invoke = async (activity: unknown) => {
    const response = await postActivity(t.baseUrl, activity);
    return { status: response.status, body: JSON.parse(response.text || "null") as InvokeBody };
  };
  /** Teams refreshing a card: the card's own refresh action, sent for the user viewing it. */
  const refreshAs = (viewer: TeamsUser, refresh: Refresh) =>
    invoke(
      adaptiveCardInvoke(
        t.connector.serviceUrl,
        { verb: refresh.action.verb, data: refresh.action.data },
        { from: viewer, trigger: "automatic" },
      ),
    );

  beforeAll(async () => {
    t = await startClockedApp(clock);
    const db = t.database.db;
    const members: string[] = [];
    for (const [email, user] of [
      ["bob@stmarys.nhs.uk", teamsUserBob],
      ["chloe@stmarys.nhs.uk", chloe],
    ] as const) {
      members.push(
        await seedPerson(db, {
          email,
          name: user.name,
          timezone: "Europe/Berlin",
          teams: { aadObjectId: user.aadObjectId, serviceUrl: t.connector.serviceUrl },
        }),
      );
    }
    await seedPartnership(db, { title: "Cohort study", members });
    await runJobBetween(t, clock, "checkins", { from: "2026-11-24T08:30:00Z", to: "2026-11-24T09:30:00Z" });
    for (const call of t.connector.calls.filter((c) => c.kind === "send" || c.kind === "reply")) {
      cards.set(call.conversationId ?? "", cardOf(call.activity));
    }
    clock.set("2026-11-24T10:00:00Z");
  });
  afterAll(async () => {
    await t.close();
  });

  const cardFor = (user: TeamsUser) => cards.get(`a:personal-${user.aadObjectId}`)!;
  const refreshOf = (card: unknown) => (card as { refresh?: Refresh }).refresh!;

  it("sends each prompt with a refresh: an Action.Execute for its check-in, listing the member it is for", () => {
    expect(cards.size).toBe(2);
    const refresh = refreshOf(cardFor(teamsUserBob));
    expect(refresh.action).toMatchObject({ type: "Action.Execute", verb: "checkin.view" });
    expect(refresh.action.data.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(refresh.userIds).toEqual([`29:${teamsUserBob.aadObjectId}`]);
    expect(cardProblems(cardFor(teamsUserBob))).toEqual([]);
    // Both members' cards are about the same check-in.
    expect(refreshOf(cardFor(chloe)).action.data.value).toBe(refresh.action.data.value);
  });

  it("answers an automatic refresh with the viewer's own state: Bob answered, Chloe still to answer", async () => {
    const bobCard = cardFor(teamsUserBob);
    const onTrack = JSON.stringify(bobCard).match(/"verb":"checkin\.answer","data":(\{[^}]*on_track"\})/);
    const data = JSON.parse(onTrack![1]!) as Record<string, unknown>;
    const answered = await invoke(
      adaptiveCardInvoke(t.connector.serviceUrl, { verb: "checkin.answer", data }, { from: teamsUserBob }),
    );
    expect(JSON.stringify(answered.body.value)).toContain("Recorded: on track — thank you");

    // The card shared by both members: its refresh lists them both, and each sees their own state.
    const shared: Refresh = {
      ...refreshOf(bobCard),
      action: {
        ...refreshOf(bobCard).action,
        data: { ...refreshOf(bobCard).action.data, viewers: [teamsUserBob.id, chloe.id] },
      },
    };
    const forBob = await refreshAs(teamsUserBob, shared);
    expect(forBob.status).toBe(200);
    expect(forBob.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(forBob.body.value)).toContain("Recorded: on track — thank you");
    expect(JSON.stringify(forBob.body.value)).not.toContain("checkin.answer");

    const forChloe = await refreshAs(chloe, shared);
    expect(forChloe.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const chloeView = JSON.stringify(forChloe.body.value);
    expect(chloeView).toContain("How is **Cohort study** going?");
    expect(chloeView).toContain('"verb":"checkin.answer"');
    expect(chloeView).not.toContain("Recorded");
    // Her card can refresh again, for the same members.
    expect(forChloe.body.value.refresh?.userIds).toEqual([teamsUserBob.id, chloe.id]);
  });

  it("leaves the card as it is for a viewer who is not a member of the check-in", async () => {
    const stranger: TeamsUser = {
      id: "29:1danId",
      aadObjectId: "00000000-0000-0000-0000-0000000d0d0d",
      name: "Dan",
    };
    await seedPerson(t.database.db, {
      email: "dan@stmarys.nhs.uk",
      name: "Dan",
      teams: { aadObjectId: stranger.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    const answer = await refreshAs(stranger, refreshOf(cardFor(chloe)));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
    });
  });
});
