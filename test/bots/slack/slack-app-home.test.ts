// The App Home tab: opening it publishes the person's profile status, partnerships, open intros and buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intros, people } from "../../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../../fakes/fake-slack-api.ts";
import { seedPerson } from "../../helpers/seed.ts";
import { eventEnvelope, postSlackEvent } from "../../helpers/slack-events.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";
import { until } from "../../helpers/until.ts";

const homeOpened = (user: string, eventId: string, tab = "home") =>
  eventEnvelope({
    team: FAKE_TEAM_ID,
    eventId,
    event: { type: "app_home_opened", user, channel: "D0HOME001", tab, event_ts: "1700000000.000100" },
  });
const deliver = async (baseUrl: string, body: string) => (await postSlackEvent(baseUrl, body)).status;

describe("Slack App Home", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const gus = await seedPerson(t.database.db, {
      email: "gus@example.org",
      name: "Gus",
      slackUserId: "U0GUS0001",
    });
    const [hana] = await t.database.db
      .insert(people)
      .values({ email: "hana@example.org", name: "Hana", institution: "St Mary's" })
      .returning({ id: people.id });
    await t.database.db.insert(intros).values({
      requesterId: gus,
      candidateId: hana!.id,
      need: "a health economist",
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("publishes a home view with the profile, partnerships, open intros and the two buttons", async () => {
    expect(await deliver(t.baseUrl, homeOpened("U0GUS0001", "Ev0HOME1"))).toBe(200);
    await until(() => t.slackApi.callsTo("views.publish").length === 1, "views.publish");
    const call = t.slackApi.callsTo("views.publish")[0]!;
    expect(call.args.user_id).toBe("U0GUS0001");
    const view = (typeof call.args.view === "string" ? JSON.parse(call.args.view) : call.args.view) as {
      type: string;
      blocks: unknown[];
    };
    expect(view.type).toBe("home");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Gus");
    expect(text).toContain("Available");
    expect(text).toContain("No active partnerships yet");
    expect(text).toContain("You asked to meet Hana");
    expect(text).toContain("home.find");
    expect(text).toContain("profile.open");
  });

  it("offers a stranger to create a profile, and ignores the Messages tab", async () => {
    expect(await deliver(t.baseUrl, homeOpened("U0NEW0001", "Ev0HOME2"))).toBe(200);
    await until(() => t.slackApi.callsTo("views.publish").length === 2, "views.publish");
    const text = JSON.stringify(t.slackApi.callsTo("views.publish")[1]!.args.view);
    expect(text).toContain("no profile yet");
    expect(text).toContain("Create my profile");

    expect(await deliver(t.baseUrl, homeOpened("U0NEW0001", "Ev0HOME3", "messages"))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slackApi.callsTo("views.publish")).toHaveLength(2);
  });
});
