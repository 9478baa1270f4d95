import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

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
      oauth_config: { scopes: { bot: string[] } };
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
