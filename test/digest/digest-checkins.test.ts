// A week of check-ins through the real `checkins` job and answer buttons, then the `digests` job: the figures agree.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { coordinatorRows } from "../../src/db/digest-store.ts";
import {
  auditLog,
  chatIdentities,
  checkinPrompts,
  outbox,
  people,
  programmeMembers,
  programmes,
} from "../../src/db/schema.ts";
import { createTestClock, deliverAll, startClockedApp } from "../helpers/clocked-app.ts";
import { blockActionsPayload, postInteraction, slackButtons } from "../helpers/collab.ts";
import { seedPartnership } from "../helpers/partnerships.ts";
import { seedCora } from "../helpers/programme-people.ts";
import { seedPerson } from "../helpers/seed.ts";
import type { TestApp } from "../helpers/test-app.ts";

const MINUTE = 60_000;
const parsed = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

describe("a digest of a week seeded through the real check-in job and answers", () => {
  const clock = createTestClock("2026-11-23T12:00:00Z");
  let t: TestApp;
  let db: Db;
  const ids: Record<string, string> = {};

  const job = (name: string) => t.app.jobs.find((j) => j.name === name)!;

  beforeAll(async () => {
    t = await startClockedApp(clock);
    db = t.database.db;
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    ids.onco = programme!.id;
    ids.cora = await seedCora(db);
    ids.ana = await seedPerson(db, { email: "ana@uni.org", name: "Ana", slackUserId: "U0ANA0001" });
    ids.ben = await seedPerson(db, { email: "ben@uni.org", name: "Ben", slackUserId: "U0BEN0001" });
    ids.cleo = await seedPerson(db, { email: "cleo@uni.org", name: "Cleo", slackUserId: "U0CLEO001" });
    ids.dana = await seedPerson(db, { email: "dana@uni.org", name: "Dana" }); // no chat account
    await db.insert(programmeMembers).values({
      programmeId: ids.onco,
      personId: ids.cora,
      role: "coordinator",
      createdAt: new Date("2026-11-01T00:00:00Z"),
      lastDigestAt: new Date("2026-11-23T09:00:00Z"),
    });
    ids.pa = await seedPartnership(db, {
      title: "Cohort study",
      members: [ids.ana, ids.ben],
      programmeId: ids.onco,
    });
    ids.pb = await seedPartnership(db, {
      title: "Imaging study",
      members: [ids.cleo, ids.dana],
      programmeId: ids.onco,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts the prompts the job sent and the answers clicked, and lists who could not be reached", async () => {
    for (
      let at = Date.parse("2026-11-23T12:00:00Z");
      at <= Date.parse("2026-11-24T12:00:00Z");
      at += 15 * MINUTE
    ) {
      clock.set(new Date(at));
      await t.app.scheduler.tick(job("checkins"), new Date(at));
    }
    await deliverAll(t, clock);
    const prompts = await db.select().from(checkinPrompts);
    expect(prompts.map((p) => p.status).sort()).toEqual(["sent", "sent", "sent", "unreachable"]);

    clock.set("2026-11-24T15:00:00Z");
    const click = async (userId: string, label: string) => {
      const post = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === userId)!;
      const button = slackButtons(parsed(post.args.blocks)).find((b) => b.text.text === label)!;
      const [row] = await db
        .select()
        .from(outbox)
        .where(eq(outbox.platformMessageId, String(post.args.ts ?? "")));
      await postInteraction(
        t.baseUrl,
        blockActionsPayload({
          user: { id: userId, name: userId.toLowerCase() },
          actionId: button.action_id,
          value: button.value!,
          responseUrl: t.slackApi.responseUrl(userId),
          container: {
            channelId: row?.platformChannelId ?? userId,
            messageTs: row?.platformMessageId ?? "1.1",
          },
        }),
      );
    };
    await click("U0ANA0001", "Blocked");
    await click("U0CLEO001", "On track");
    // Slack is answered (ack) before the click is processed: wait for both answers to be recorded.
    await vi.waitFor(async () => {
      const answered = (await db.select().from(checkinPrompts)).filter((p) => p.status === "answered");
      expect(answered.map((p) => p.answer).sort()).toEqual(["blocked", "on_track"]);
    });

    clock.set("2026-11-30T09:00:00Z");
    const result = await job("digests").run(clock.now());
    expect(result.counts?.sent).toBe(1);
    await deliverAll(t, clock);
    const digest = t.slackApi
      .callsTo("chat.postMessage")
      .find((c) => c.args.channel === "U0CORA001" && JSON.stringify(c.args.blocks).includes("Digest:"))!;
    const text = JSON.stringify(parsed(digest.args.blocks)).replace(/\\n/g, "\n");
    expect(text).toContain("2 active partnerships");
    expect(text).toContain("2 of 3 answered (67%)"); // Dana's prompt could not be sent: not counted
    expect(text).toContain("no check-ins sent"); // the previous period
    expect(text).toContain("Partnerships at risk (1)");
    expect(text).toContain("*Cohort study*: answered Blocked");
    expect(text).not.toContain("*Imaging study*:");
    expect(text).toContain("Members I cannot reach (1)");
    expect(text).toContain("Dana (Northfield University) (1 undelivered): no Slack or Teams account linked");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "digest.send"));
    expect(audit!.details).toMatchObject({ promptsSent: 3, promptsAnswered: 2, atRisk: 1, unreachable: 1 });
  });

  it("takes a coordinator's time zone from their profile, else from their chat platform, else UTC", async () => {
    const zone = async () => (await coordinatorRows(db, { personId: ids.cora! }))[0]!.timezone;
    expect(await zone()).toBe("Europe/London");
    await db.update(people).set({ timezone: null }).where(eq(people.id, ids.cora!));
    expect(await zone()).toBe("UTC");
    await db
      .update(chatIdentities)
      .set({ platformTimezone: "Asia/Tokyo" })
      .where(eq(chatIdentities.personId, ids.cora!));
    expect(await zone()).toBe("Asia/Tokyo");
  });
});
