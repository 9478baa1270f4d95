import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const slack = { SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxb-1-2-abc" };

describe("config", () => {
  it("runs with nothing set: embedded database, Slack off, Teams unauthenticated, port 3000", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.slack).toBeNull();
    expect(config.teams?.appId).toBeUndefined();
  });

  it("turns Slack on when both secrets are set", () => {
    expect(loadConfig(slack).slack).toEqual({ signingSecret: "s3cret", botToken: "xoxb-1-2-abc" });
  });

  it.each([
    [{ PORT: "eighty" }, /^PORT is "eighty": set it to a port number/],
    [{ PORT: "70000" }, /^PORT/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL is not a PostgreSQL URL/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL is "loud": use one of/],
    [{ SLACK_SIGNING_SECRET: "s" }, /^SLACK_BOT_TOKEN is missing .*OAuth & Permissions/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET is missing .*Basic Information/],
    [{ ...slack, SLACK_BOT_TOKEN: "xoxp-user-token" }, /^SLACK_BOT_TOKEN is not a bot token/],
    [{ ...slack, SLACK_API_URL: "not a url" }, /^SLACK_API_URL is not a URL/],
    [{ MICROSOFT_APP_ID: "id" }, /^MICROSOFT_APP_PASSWORD is missing/],
    [{ MICROSOFT_APP_TYPE: "Sometimes" }, /^MICROSOFT_APP_TYPE/],
    [
      { MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p", MICROSOFT_APP_TYPE: "SingleTenant" },
      /TENANT_ID is required/,
    ],
    [{ NODE_ENV: "production" }, /^MICROSOFT_APP_ID is missing and NODE_ENV is production/],
  ])("refuses %j with one line naming the variable and the fix", (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("reads secrets from *_FILE variables", () => {
    const dir = mkdtempSync(join(tmpdir(), "collab-config-"));
    writeFileSync(join(dir, "token"), "xoxb-from-file\n");
    writeFileSync(join(dir, "password"), "teams-pass\n");
    const config = loadConfig({
      SLACK_SIGNING_SECRET: "s",
      SLACK_BOT_TOKEN_FILE: join(dir, "token"),
      MICROSOFT_APP_ID: "id",
      MICROSOFT_APP_PASSWORD_FILE: join(dir, "password"),
    });
    expect(config.slack?.botToken).toBe("xoxb-from-file");
    expect(config.teams?.appPassword).toBe("teams-pass");
    expect(() => loadConfig({ SLACK_BOT_TOKEN_FILE: join(dir, "missing") })).toThrow(
      /SLACK_BOT_TOKEN_FILE cannot be read/,
    );
  });

  it("starts in production when Teams credentials are set", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      MICROSOFT_APP_ID: "id",
      MICROSOFT_APP_PASSWORD: "p",
    });
    expect(config.teams?.appId).toBe("id");
  });
});
