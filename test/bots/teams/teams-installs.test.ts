// Teams installs and tenants: uninstall drops the conversation reference (audited, shown in digests); strangers get help only.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reachAdvice } from "../../../src/core/digest/reach-advice.ts";
import type { Db } from "../../../src/db/client.ts";
import { loadDigestSnapshot } from "../../../src/db/digest-queries.ts";
import { enqueueMessages } from "../../../src/db/outbox-store.ts";
import {
  auditLog,
  chatIdentities,
  people,
  programmeMembers,
  programmes,
  programmeTenants,
} from "../../../src/db/schema.ts";
import { cardOf } from "../../helpers/collab.ts";
import { seedPerson } from "../../helpers/seed.ts";
import {
  personalInstallationUpdate,
  personalMessage,
  postActivity,
  strangerMessage,
  TEAMS_TENANT_ID,
  teamsUserBob,
} from "../../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

const bobIdentity = (db: Db) =>
  db.query.chatIdentities.findFirst({ where: (i, { eq }) => eq(i.userId, teamsUserBob.aadObjectId) });

describe("Teams uninstall (installationUpdate remove)", () => {
  let t: TestApp;
  let db: Db;
  let bobId: string;
  let programmeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    bobId = await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    const [programme] = await db.insert(programmes).values({ name: "Cardiology network" }).returning();
    programmeId = programme!.id;
    await db.insert(programmeMembers).values({ programmeId, personId: bobId, role: "member" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("drops the stored reference of that chat, audits it, and the digest says to reinstall the app", async () => {
    expect((await bobIdentity(db))?.conversationRef).not.toBeNull();
    const response = await postActivity(
      t.baseUrl,
      personalInstallationUpdate(t.connector.serviceUrl, "remove"),
    );
    expect(response.status).toBe(200);

    const identity = await bobIdentity(db);
    expect(identity?.conversationRef).toBeNull();
    expect(identity?.appRemovedAt).toBeInstanceOf(Date);
    expect(identity?.personId).toBe(bobId); // still Bob's account: only the reference is gone

    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "teams.app.removed"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: bobId,
      platform: "teams",
      subject: `a:personal-${teamsUserBob.aadObjectId}`,
    });
    expect(audit[0]!.details).toMatchObject({
      tenant: TEAMS_TENANT_ID,
      action: "remove",
      references_dropped: 1,
    });

    const now = new Date();
    const snapshot = await loadDigestSnapshot(db, {
      programme: { id: programmeId, name: "Cardiology network" },
      period: { since: new Date(now.getTime() - 7 * 86_400_000), until: now },
      now,
      timezone: "Europe/London",
    });
    const bob = snapshot.unreachable.find((u) => u.personId === bobId);
    expect(bob).toBeDefined();
    expect(reachAdvice(bob!.reason)).toContain("reinstall the app in Teams");
  });

  it("makes messages to them unreachable with the same fix, instead of sending into a removed chat", async () => {
    const before = t.connector.calls.length;
    await db.transaction(async (tx) => {
      await enqueueMessages(tx, [
        {
          kind: "test.note",
          to: { kind: "person", personId: bobId },
          message: { summary: "hello", blocks: [{ type: "text", text: "hello" }] },
        },
      ]);
    });
    const rows = await db.query.outbox.findMany({ where: (o, { eq }) => eq(o.kind, "test.note") });
    expect(rows.map((r) => r.status)).toEqual(["unreachable"]);
    expect(rows[0]!.lastError).toContain("reinstall the app in Teams");
    await t.app.delivery.drain();
    expect(t.connector.calls.length).toBe(before);
  });

  it("saves the reference again when the app is added back, and the person is reachable again", async () => {
    const response = await postActivity(t.baseUrl, personalInstallationUpdate(t.connector.serviceUrl, "add"));
    expect(response.status).toBe(200);
    const identity = await bobIdentity(db);
    expect(JSON.stringify(identity?.conversationRef)).toContain(t.connector.serviceUrl);
    expect(identity?.appRemovedAt).toBeNull();
  });

  it("treats remove-upgrade like remove", async () => {
    await postActivity(t.baseUrl, personalInstallationUpdate(t.connector.serviceUrl, "remove-upgrade"));
    expect((await bobIdentity(db))?.conversationRef).toBeNull();
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "teams.app.removed"));
    expect(audit.map((a) => (a.details as { action: string }).action)).toEqual(["remove", "remove-upgrade"]);
  });
});

describe("Teams messages from a tenant the bot does not serve", () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    // Bob's organisation is the one the bot serves: people imported with Teams ids in its tenant.
    await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
  });
  beforeEach(async () => {
    await db.delete(programmeTenants);
  });
  afterAll(async () => {
    await t.close();
  });

  const strangers = async () => {
    const identities = await db
      .select()
      .from(chatIdentities)
      .where(eq(chatIdentities.tenantId, "00000000-0000-4000-8000-00000000dead"));
    return { identities, people: await db.select().from(people) };
  };

  it("answers with the help text and stores no identity and no person", async () => {
    const before = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      strangerMessage(t.connector.serviceUrl, "find-collaborator statistics"),
    );
    expect(response.status).toBe(200);
    const calls = t.connector.calls.slice(before);
    expect(calls).toHaveLength(1);
    const card = JSON.stringify(cardOf(calls[0]!.activity));
    expect(card).toContain("Here is what I can do");
    expect(card).toContain("Shows this list");
    const stored = await strangers();
    expect(stored.identities).toEqual([]);
    expect(stored.people.map((p) => p.email)).toEqual(["bob@stmarys.nhs.uk"]);
  });

  it("stores nothing when they install the app either", async () => {
    const install = strangerMessage(t.connector.serviceUrl, "");
    const { text: _text, ...activity } = install;
    expect(
      (await postActivity(t.baseUrl, { ...activity, type: "installationUpdate", action: "add" })).status,
    ).toBe(200);
    expect((await strangers()).identities).toEqual([]);
  });

  it("serves a tenant linked to a programme with `collab programme link`", async () => {
    const [programme] = await db.insert(programmes).values({ name: "Partner trust" }).returning();
    await db.insert(programmeTenants).values({
      programmeId: programme!.id,
      platform: "teams",
      tenantId: "00000000-0000-4000-8000-00000000dead",
    });
    await postActivity(t.baseUrl, strangerMessage(t.connector.serviceUrl, "help"));
    expect((await strangers()).identities).toHaveLength(1);
    await db
      .delete(chatIdentities)
      .where(eq(chatIdentities.tenantId, "00000000-0000-4000-8000-00000000dead"));
  });

  it("keeps serving the known tenant as before", async () => {
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"));
    expect(t.connector.calls.slice(before)).toHaveLength(1);
    expect((await bobIdentity(db))?.lastSeenAt).toBeInstanceOf(Date);
  });
});

describe("Teams with an app tenant configured (single-tenant bot)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MICROSOFT_APP_TENANT_ID: TEAMS_TENANT_ID });
  });
  afterAll(async () => {
    await t.close();
  });

  it("serves its own tenant with no people imported yet, and treats any other as a stranger", async () => {
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, "help"));
    await postActivity(t.baseUrl, strangerMessage(t.connector.serviceUrl, "help"));
    const identities = await t.database.db.select().from(chatIdentities);
    expect(identities.map((i) => i.tenantId)).toEqual([TEAMS_TENANT_ID]);
  });
});

describe("POST /api/messages with an activity without a type", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ["{}", {}],
    ["an empty type", { type: "", text: "help" }],
    ["a non-string type", { type: 7 }],
  ])("answers %s with 400 and keeps serving", async (_name, body) => {
    const response = await postActivity(t.baseUrl, body);
    expect(response.status).toBe(400);
    expect(response.text).toContain("activity has no type");
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});
