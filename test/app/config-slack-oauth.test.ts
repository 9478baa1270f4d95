// Config for Slack across several workspaces (OAuth) and for Socket Mode: what turns each on, what is refused.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, secretsOf } from "../../src/config.ts";

const KEY = Buffer.alloc(32, 9).toString("base64");
const oauth = {
  SLACK_SIGNING_SECRET: "s3cret",
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "client-secret",
  SLACK_STATE_SECRET: "state-secret-0123456789",
  COLLAB_ENCRYPTION_KEY: KEY,
};

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
}

describe("config: Slack OAuth and Socket Mode", () => {
  it("turns OAuth on with client id and secret; the key is read from base64, hex or a file", () => {
    const config = loadConfig(oauth);
    expect(config.slack?.oauth?.clientId).toBe("1111.2222");
    expect(config.slack?.oauth?.encryptionKey.length).toBe(32);
    expect(config.slack?.botToken).toBeUndefined();
    const hex = Buffer.alloc(32, 1).toString("hex");
    expect(
      loadConfig({ ...oauth, COLLAB_ENCRYPTION_KEY: hex }).slack?.oauth?.encryptionKey.toString("hex"),
    ).toBe(hex);
    const dir = mkdtempSync(join(tmpdir(), "collab-key-"));
    writeFileSync(join(dir, "key"), `${KEY}\n`);
    const fromFile = loadConfig({
      ...oauth,
      COLLAB_ENCRYPTION_KEY: undefined,
      COLLAB_ENCRYPTION_KEY_FILE: join(dir, "key"),
    });
    expect(fromFile.slack?.oauth?.encryptionKey.toString("base64")).toBe(KEY);
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining(["client-secret", "state-secret-0123456789", KEY]),
    );
  });

  it.each([
    [
      { ...oauth, COLLAB_ENCRYPTION_KEY: undefined },
      /^COLLAB_ENCRYPTION_KEY is missing .*openssl rand -base64 32/,
    ],
    [
      { ...oauth, COLLAB_ENCRYPTION_KEY: "c2hvcnQ=" },
      /^COLLAB_ENCRYPTION_KEY is not a 32-byte key.*openssl rand -base64 32/,
    ],
    [{ ...oauth, SLACK_CLIENT_SECRET: undefined }, /^SLACK_CLIENT_SECRET is missing/],
    [{ ...oauth, SLACK_CLIENT_ID: undefined }, /^SLACK_CLIENT_ID is missing/],
    [{ ...oauth, SLACK_STATE_SECRET: undefined }, /^SLACK_STATE_SECRET is missing/],
    [{ ...oauth, SLACK_STATE_SECRET: "short" }, /^SLACK_STATE_SECRET is shorter/],
    [{ ...oauth, SLACK_BOT_TOKEN: "xoxb-1-2" }, /^SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID/],
    [{ ...oauth, SLACK_SIGNING_SECRET: undefined }, /^SLACK_SIGNING_SECRET is missing/],
    [
      { SLACK_APP_TOKEN: "xoxb-not-an-app-token", SLACK_BOT_TOKEN: "xoxb-1" },
      /^SLACK_APP_TOKEN is not an app-level token.*xapp-/,
    ],
    [{ SLACK_APP_TOKEN: "xapp-1-A-1-abc" }, /^SLACK_BOT_TOKEN is missing while SLACK_APP_TOKEN/],
    [
      { ...oauth, SLACK_APP_TOKEN: "xapp-1-A-1-abc" },
      /^SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID/,
    ],
    [
      { ...oauth, SLACK_REDIRECT_URI: "collab.example.org/slack/oauth_redirect" },
      /^SLACK_REDIRECT_URI is not a URL .*Redirect URLs/,
    ],
    [
      { ...oauth, SLACK_REDIRECT_URI: "http://collab.example.org/slack/oauth_redirect" },
      /^SLACK_REDIRECT_URI is not an https address .*https:\/\/collab\.example\.org\/slack\/oauth_redirect/,
    ],
    [
      { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", SLACK_REDIRECT_URI: "https://a.example/x" },
      /^SLACK_REDIRECT_URI is set but OAuth is off/,
    ],
    [
      { ...oauth, SLACK_OPTIONAL_SCOPES: "users.profile:read,channels:history" },
      /^SLACK_OPTIONAL_SCOPES names channels:history, which the bot does not use .*users\.profile:read/,
    ],
  ])("refuses %j naming the variable and the fix", (env, message) => {
    const text = refusal(env);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("asks for the optional users.profile:read scope at install unless SLACK_OPTIONAL_SCOPES says otherwise", () => {
    expect(loadConfig(oauth).slack?.oauth?.optionalScopes).toEqual(["users.profile:read"]);
    expect(loadConfig({ ...oauth, SLACK_OPTIONAL_SCOPES: "" }).slack?.oauth?.optionalScopes).toEqual([]);
    expect(
      loadConfig({ ...oauth, SLACK_OPTIONAL_SCOPES: " users.profile:read " }).slack?.oauth?.optionalScopes,
    ).toEqual(["users.profile:read"]);
  });

  it("takes SLACK_REDIRECT_URI for OAuth behind a proxy (http only for localhost)", () => {
    const behindProxy = "https://gateway.example.org/collab/slack/oauth_redirect";
    expect(loadConfig({ ...oauth, SLACK_REDIRECT_URI: behindProxy }).slack?.oauth?.redirectUri).toBe(
      behindProxy,
    );
    const local = "http://localhost:3000/slack/oauth_redirect";
    expect(loadConfig({ ...oauth, SLACK_REDIRECT_URI: local }).slack?.oauth?.redirectUri).toBe(local);
    expect(loadConfig(oauth).slack?.oauth?.redirectUri).toBeUndefined();
  });

  it("turns Socket Mode on with an app token and a bot token, no signing secret needed", () => {
    const config = loadConfig({ SLACK_APP_TOKEN: "xapp-1-A0-1-abc", SLACK_BOT_TOKEN: "xoxb-1-2-abc" });
    expect(config.slack).toEqual({ appToken: "xapp-1-A0-1-abc", botToken: "xoxb-1-2-abc" });
    expect(secretsOf(config)).toContain("xapp-1-A0-1-abc");
  });
});
