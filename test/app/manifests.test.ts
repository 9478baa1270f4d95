import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { installScopes } from "../../src/bots/slack/slack-oauth.ts";
import { SLACK_OPTIONAL_BOT_SCOPES } from "../../src/config.ts";

const root = join(import.meta.dirname, "..", "..");

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("platform manifests", () => {
  it("the Slack manifest sends both slash commands, interactivity and events to /slack/events with few scopes", () => {
    const manifest = parse(readFileSync(join(root, "manifests/slack-app-manifest.yaml"), "utf8")) as {
      features: { slash_commands: { command: string; url: string }[] };
      oauth_config: { scopes: { bot: string[]; bot_optional?: string[] } };
      settings: { interactivity: { request_url: string }; event_subscriptions: { request_url: string } };
    };
    const commands = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(commands).toEqual(["/collab", "/find-collaborator"]);
    for (const url of [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
    expect(manifest.oauth_config.scopes.bot).toContain("commands");
    expect(manifest.oauth_config.scopes.bot).toContain("chat:write");
    expect(manifest.oauth_config.scopes.bot.length).toBeLessThanOrEqual(6);
    expect(manifest.oauth_config.scopes.bot.some((s) => s.endsWith(":history"))).toBe(false);
    // Reading Slack statuses ("Out of office") is optional: installs work without it. Slack requires optional
    // scopes to be a subset of the bot scopes, and the OAuth install link asks for exactly these.
    expect(manifest.oauth_config.scopes.bot_optional).toEqual(["users.profile:read"]);
    expect(manifest.oauth_config.scopes.bot).toContain("users.profile:read");
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      installScopes({ optionalScopes: SLACK_OPTIONAL_BOT_SCOPES }).sort(),
    );
  });

  it("the Slack manifest has a writable Messages tab, a Home tab, a long description and the events it handles", () => {
    const manifest = parse(readFileSync(join(root, "manifests/slack-app-manifest.yaml"), "utf8")) as {
      _metadata?: { major_version?: number };
      display_information: { long_description?: string };
      features: {
        app_home?: {
          home_tab_enabled?: boolean;
          messages_tab_enabled?: boolean;
          messages_tab_read_only_enabled?: boolean;
        };
      };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    expect(manifest._metadata?.major_version).toBe(1);
    // Slack refuses a long description shorter than 175 characters (and longer than 4,000).
    expect(manifest.display_information.long_description?.length ?? 0).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description?.length ?? 0).toBeLessThanOrEqual(4000);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_home_opened", "app_uninstalled", "tokens_revoked"]),
    );
  });

  it("the Teams manifest names a bot, its commands and icons of the required sizes", () => {
    const manifest = JSON.parse(readFileSync(join(root, "manifests/teams/manifest.json"), "utf8")) as {
      manifestVersion: string;
      id: string;
      icons: { color: string; outline: string };
      bots: {
        botId: string;
        scopes: string[];
        commandLists: { commands: { title: string; description: string }[] }[];
      }[];
    };
    expect(manifest.manifestVersion).toMatch(/^1\.\d+$/);
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
    const bot = manifest.bots[0]!;
    expect(bot.botId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bot.scopes).toContain("personal");
    const titles = bot.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toContain("help");
    expect(titles).toContain("find-collaborator");
    for (const command of bot.commandLists.flatMap((l) => l.commands)) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
    expect(pngSize(join(root, "manifests/teams", manifest.icons.color))).toEqual({ width: 192, height: 192 });
    expect(pngSize(join(root, "manifests/teams", manifest.icons.outline))).toEqual({ width: 32, height: 32 });
  });
});
