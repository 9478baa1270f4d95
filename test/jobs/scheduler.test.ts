import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import type { Job } from "../../src/jobs/job.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createCapturingLogger } from "../helpers/test-app.ts";

describe("scheduler slots", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("runs a job's slot once however many instances tick it, and the next minute again", async () => {
    const runs: string[] = [];
    const job: Job = {
      name: "count",
      cron: "* * * * *",
      description: "counts",
      run: async (now) => {
        runs.push(now.toISOString());
        return { summary: "counted" };
      },
    };
    // On PostgreSQL each instance has its own connection pool, as three bot processes would.
    const extra = database.url
      ? await Promise.all(
          [1, 2].map(() => openDatabase({ kind: "postgres", url: database.url!, maxConnections: 2 })),
        )
      : [];
    const dbs = [database, ...extra];
    const schedulers = [0, 1, 2].map((i) =>
      createScheduler({
        db: dbs[i % dbs.length]!.db,
        jobs: [job],
        logger: createCapturingLogger([]),
        instanceId: `instance-${i}`,
      }),
    );
    const at = new Date("2026-11-24T10:00:05Z");
    const results = await Promise.all(schedulers.map((s) => s.tick(job, at)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(runs).toEqual([at.toISOString()]);

    const later = new Date("2026-11-24T10:01:00Z");
    await Promise.all(schedulers.map((s) => s.tick(job, later)));
    expect(runs).toHaveLength(2);
    await Promise.all(extra.map((d) => d.close()));
  });
});
