// .env files (item 5 of issue 17) and turning Slack or Teams on and off (TEAMS_ENABLED, SLACK_ENABLED).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { ConfigError, loadConfig, readEnvFile } from "../../src/config.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const root = join(import.meta.dirname, "..", "..");
const slack = { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN };

describe(".env", () => {
  it("reads ./.env under the real environment, which wins; says which file it read", () => {
    const dir = mkdtempSync(join(tmpdir(), "collab-env-"));
    writeFileSync(join(dir, ".env"), '# a comment\nPORT=4100\nLOG_LEVEL=debug\nRETENTION_DAYS="90"\n');
    const { env, file } = readEnvFile({ LOG_LEVEL: "warn" }, dir);
    expect(file).toBe(join(dir, ".env"));
    const config = loadConfig(env);
    expect(config.port).toBe(4100);
    expect(config.logLevel).toBe("warn");
    expect(config.retentionDays).toBe(90);
  });

  it("reads the file ENV_FILE names instead; a missing one is an error naming ENV_FILE; no .env is fine", () => {
    const dir = mkdtempSync(join(tmpdir(), "collab-env-"));
    writeFileSync(join(dir, "prod.env"), "PORT=4200\n");
    expect(loadConfig(readEnvFile({ ENV_FILE: "prod.env" }, dir).env).port).toBe(4200);
    expect(() => readEnvFile({ ENV_FILE: "missing.env" }, dir)).toThrow(/^ENV_FILE names .*missing\.env/);
    expect(readEnvFile({ PORT: "1" }, dir)).toEqual({ env: { PORT: "1" }, file: null });
  });

  it(".env.example names, commented out, every variable src/config.ts reads", () => {
    const source = readFileSync(join(root, "src", "config.ts"), "utf8");
    const read = new Set(
      [...source.matchAll(/(?:nonEmpty|secret|platformSwitch)\(env, "([A-Z_]+)"\)/g)].map((m) => m[1]),
    );
    const example = readFileSync(join(root, ".env.example"), "utf8");
    expect(read.size).toBeGreaterThan(15);
    for (const name of read) expect(example).toMatch(new RegExp(`^# ${name}=`, "m"));
    expect(example.split("\n").filter((line) => line.trim() && !line.startsWith("#"))).toEqual([]);
  });
});

describe("TEAMS_ENABLED and SLACK_ENABLED", () => {
  it("defaults: Teams off beside Slack without MICROSOFT_APP_ID, on alone for local use, on with an app id", () => {
    expect(loadConfig({ ...slack }).teams).toBeNull();
    expect(loadConfig({}).teams).toEqual({ appType: "MultiTenant" });
    expect(loadConfig({ ...slack, MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "pw" }).teams?.appId).toBe(
      "id",
    );
    expect(loadConfig({ ...slack, NODE_ENV: "production" }).teams).toBeNull();
  });

  it("false turns a configured platform off; true forces Teams on; true without Slack credentials is an error", () => {
    expect(loadConfig({ ...slack, SLACK_ENABLED: "false" }).slack).toBeNull();
    expect(
      loadConfig({ MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "pw", TEAMS_ENABLED: "no" }).teams,
    ).toBeNull();
    expect(loadConfig({ ...slack, TEAMS_ENABLED: "true" }).teams).toEqual({ appType: "MultiTenant" });
    expect(() => loadConfig({ SLACK_ENABLED: "true" })).toThrow(
      /^SLACK_ENABLED is true but no Slack credential/,
    );
    expect(() => loadConfig({ TEAMS_ENABLED: "maybe" })).toThrow(/^TEAMS_ENABLED is "maybe".*true or false/);
    expect(() => loadConfig({ ...slack, TEAMS_ENABLED: "true", NODE_ENV: "production" })).toThrow(
      /^MICROSOFT_APP_ID is missing while TEAMS_ENABLED is true/,
    );
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
  });
});

describe("a Slack-only deployment", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TEAMS_ENABLED: "" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers POST /api/messages with 404 saying how to turn Teams on", async () => {
    const response = await fetch(`${t.baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "help" }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("TEAMS_ENABLED");
  });
});

describe("CLI commands that never talk to a platform", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("`collab role list` runs with NODE_ENV=production and no platform settings at all", async () => {
    let stderr = "";
    const code = await runCli(
      ["role", "list"],
      {
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
        },
        env: {
          NODE_ENV: "production",
          LOG_LEVEL: "silent",
          SLACK_BOT_TOKEN: "not-a-token",
          ...(database.url ? { DATABASE_URL: database.url } : {}),
        },
      },
      { openDatabase: async () => database, closeDatabase: async () => {} },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
