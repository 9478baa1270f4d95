import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { forbiddenImports } from "../helpers/boundary.ts";

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
});
