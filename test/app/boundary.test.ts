import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { forbiddenImports, forbiddenJobImports, platformDecisions } from "../helpers/boundary.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the core speaks no platform", () => {
  const coreDir = join(import.meta.dirname, "..", "..", "src", "core");

  it("no file under src/core imports an SDK, a driver, node-cron or a door", () => {
    const offences = filesUnder(coreDir).flatMap((file) =>
      forbiddenImports(readFileSync(file, "utf8"), relative(coreDir, file)).map(
        (spec) => `${relative(coreDir, file)}: ${spec}`,
      ),
    );
    expect(offences).toEqual([]);
  });

  it("the check catches each kind of forbidden import", () => {
    const samples = [
      'import { App } from "@slack/bolt";',
      'import { CloudAdapter } from "botbuilder";',
      'import type { TurnContext } from "botbuilder-core";',
      'import { eq } from "drizzle-orm";',
      'import postgres from "postgres";',
      'import { PGlite } from "@electric-sql/pglite";',
      'import cron from "node-cron";',
      'import { people } from "../db/schema.ts";',
      'import { x } from "../bots/slack/render-block-kit.ts";',
      'export { y } from "../jobs/checkins.ts";',
      'const m = await import("@slack/web-api");',
    ];
    for (const sample of samples) expect(forbiddenImports(sample, "x.ts"), sample).not.toEqual([]);
    expect(forbiddenImports('import { z } from "zod";\nimport { a } from "./message.ts";', "x.ts")).toEqual(
      [],
    );
  });

  it("no file under src/core decides by a platform's name: the door's traits answer", () => {
    const offences = filesUnder(coreDir).flatMap((file) =>
      platformDecisions(readFileSync(file, "utf8")).map((found) => `${relative(coreDir, file)}: ${found}`),
    );
    expect(offences).toEqual([]);
  });

  it("the check catches each way of asking which platform it is", () => {
    const samples = [
      'if (context.actor.address.platform === "slack") return modal;',
      "const usage = platform !== 'teams' ? `/collab ` + u : u;",
      'return "console" === platform ? plain : card;',
      "if (p == `teams`) x();",
      'switch (platform) {\n  case "slack":\n    return 1;\n}',
      "return message.variants.slack ?? message.message;",
      "return variants?.teams ?? message;",
      'return variants["console"];',
      "return JSON.stringify(message.variants?.[route.platform] ?? message.message);",
      "const m = { message, variants: { slack: { summary, blocks } } };",
      'return names["teams"];',
      'if (["slack", "teams"].includes(platform)) y();',
    ];
    for (const sample of samples) expect(platformDecisions(sample), sample).not.toEqual([]);
    const allowed = [
      // Data: an identity on the platform and tenant a message goes to.
      "person.identities.find((identity) => identity.platform === platform && identity.tenantId === tenantId);",
      "const text = door.inlineInputs ? withNote : withoutNote;",
      '// on Slack, platform === "slack" used to open a modal',
      "/* variants.slack was the Slack wording */ const x = 1;",
      'const hint = "Post it in the #general channel of teams.slack.com";',
      'const link = "https://app.slack.com/client";',
      'log.info({ platform: "slack" }, "Slack answered");',
      // Data: the person's Slack account, read from the people CSV.
      "if (person.slack) accounts.push(person.slack.userId);",
      "const name = PLACE_NAMES[identity.platform];",
    ];
    for (const sample of allowed) expect(platformDecisions(sample), sample).toEqual([]);
  });
});

describe("jobs are thin ticks", () => {
  const jobsDir = join(import.meta.dirname, "..", "..", "src", "jobs");
  // The scheduler claims its slots in the database itself; it runs the jobs and is not one.
  const exempt = new Set(["scheduler.ts"]);

  it("no job under src/jobs imports a database driver, drizzle or src/db", () => {
    const offences = filesUnder(jobsDir)
      .filter((file) => !exempt.has(relative(jobsDir, file)))
      .flatMap((file) =>
        forbiddenJobImports(readFileSync(file, "utf8"), relative(jobsDir, file)).map(
          (spec) => `${relative(jobsDir, file)}: ${spec}`,
        ),
      );
    expect(offences).toEqual([]);
  });

  it("the check catches each kind of storage import", () => {
    const samples = [
      'import { and, eq } from "drizzle-orm";',
      'import { alias } from "drizzle-orm/pg-core";',
      'import postgres from "postgres";',
      'import { PGlite } from "@electric-sql/pglite";',
      'import type { Db } from "../db/client.ts";',
      'import { milestones } from "../db/schema.ts";',
      'export { enqueueMessages } from "../db/outbox-store.ts";',
      'const m = await import("../db/digest-store.ts");',
    ];
    for (const sample of samples) expect(forbiddenJobImports(sample, "x.ts"), sample).not.toEqual([]);
    expect(
      forbiddenJobImports(
        'import type { DigestService } from "../core/digest/create-digest-service.ts";\nimport type { Job } from "./job.ts";',
        "x.ts",
      ),
    ).toEqual([]);
  });
});
