// GET /readyz (database, migrations, delivery loop) and GET /metrics (Prometheus text behind METRICS_TOKEN).
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/db/outbox-store.ts";
import { seedPerson } from "../helpers/seed.ts";
import { postToSlackEndpoint, slashCommandBody } from "../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const TOKEN = "metrics-token-0123456789abcdef";

async function readyz(t: TestApp): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /readyz", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("is 200 once the database answers, every migration is applied and the delivery loop runs", async () => {
    t = await startTestApp();
    t.app.startBackground();
    await t.app.delivery.drain();
    const ready = await readyz(t);
    expect(ready.body).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", delivery: "ok" },
    });
    expect(ready.status).toBe(200);
  });

  it("is 503 naming the delivery worker when it is stopped, while /healthz stays 200", async () => {
    t = await startTestApp();
    t.app.startBackground();
    await t.app.delivery.stop();
    const ready = await readyz(t);
    expect(ready.status).toBe(503);
    expect(ready.body.notReady).toEqual(["delivery"]);
    expect((ready.body.checks as Record<string, string>).delivery).toBe("the delivery worker is not running");
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it("is 503 naming the migrations when the database lacks this build's latest one", async () => {
    t = await startTestApp();
    t.app.startBackground();
    await t.database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    const ready = await readyz(t);
    expect(ready.status).toBe(503);
    // The delivery loop may not have reported alive yet on a loaded machine; the migrations must be named.
    expect(ready.body.notReady).toContain("migrations");
    expect((ready.body.checks as Record<string, string>).migrations).toMatch(
      /1 migration not applied.*collab migrate/,
    );
  });

  it("is 503 naming the database and migrations when the database is gone", async () => {
    t = await startTestApp();
    t.app.startBackground();
    await t.app.delivery.stop();
    await t.database.close();
    const ready = await readyz(t);
    expect(ready.status).toBe(503);
    expect(ready.body.notReady).toEqual(expect.arrayContaining(["database", "migrations"]));
    await t.app.stop();
    await Promise.all([t.slackApi.close(), t.connector.close()]);
    t = undefined;
  });
});

describe("GET /metrics", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("is 404 without METRICS_TOKEN, saying how to turn it on", async () => {
    t = await startTestApp();
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("METRICS_TOKEN");
  });

  it("is 401 without the token or with a wrong one", async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: "Bearer wrong-token-000000" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("counts a Slack command, its ack time, a delivery, the outbox backlog and a job run", async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    const body = slashCommandBody({
      command: "/collab",
      text: "help",
      response_url: t.slackApi.responseUrl("h"),
    });
    expect((await postToSlackEndpoint(t.baseUrl, body)).status).toBe(200);

    const person = await seedPerson(t.database.db, { email: "m@example.org", slackUserId: "U0METRICS" });
    await enqueueMessages(t.database.db, [
      { kind: "test", to: { kind: "person", personId: person }, message: { summary: "hi", blocks: [] } },
    ]);
    await t.app.delivery.drain();
    // A row for the terminal chat waits in the outbox: it shows as backlog.
    await t.database.db.execute(
      sql`insert into outbox (kind, platform, tenant_id, target, message) values ('test', 'console', 'local', '{}'::jsonb, '{}'::jsonb)`,
    );
    const job = t.app.jobs[0]!;
    await t.app.scheduler.tick(job, new Date());

    const response = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('collab_http_requests_total{door="slack",status="200"} 1');
    expect(text).toMatch(/collab_ack_latency_seconds_count\{door="slack"\} 1/);
    expect(text).toContain('collab_deliveries_total{platform="slack",outcome="sent"} 1');
    expect(text).toContain("# TYPE collab_rate_limited_total counter");
    expect(text).toContain('collab_outbox_depth{platform="console"} 1');
    expect(text).toMatch(/collab_outbox_oldest_age_seconds\{platform="console"\} [0-9.e-]+/);
    expect(text).toContain(`collab_job_runs_total{job="${job.name}",outcome="ok"} 1`);
    expect(text).toMatch(new RegExp(`collab_job_duration_seconds_count\\{job="${job.name}"\\} 1`));
    expect(text).toContain("process_cpu_seconds_total");
    // The token is a secret: never in the log.
    expect(t.logLines.join("\n")).not.toContain(TOKEN);
  });
});
