// The help message: every command a person can use, worded the same on Slack and Teams.
import type { CommandHandler } from "./feature.ts";
import type { Message, Platform } from "./message.ts";

export interface CommandHelp {
  name: string;
  usage: string;
  description: string;
}

/** How a person types a command on their platform: Slack has two slash commands, Teams plain words. */
export function commandUsage(platform: Platform, usage: string): string {
  if (platform !== "slack") return usage;
  return usage.startsWith("find-collaborator") ? `/${usage}` : `/collab ${usage}`;
}

export function helpMessage(platform: Platform, commands: readonly CommandHelp[]): Message {
  const lines = commands.map((c) => `• \`${commandUsage(platform, c.usage)}\` — ${c.description}`);
  return {
    summary: "Here is what I can do.",
    blocks: [
      { type: "header", text: "Research collaboration bot" },
      { type: "text", text: "Here is what I can do:" },
      { type: "text", text: lines.join("\n") },
      {
        type: "context",
        text:
          platform === "teams"
            ? "Type a command as a message to me; in a channel, mention me first."
            : "Replies to commands are visible only to you.",
      },
    ],
  };
}

export function helpCommand(list: () => readonly CommandHandler[]): CommandHandler {
  return {
    name: "help",
    access: "anyone",
    usage: "help",
    description: "Shows this list.",
    run: async ({ actor }) => ({ kind: "message", message: helpMessage(actor.address.platform, list()) }),
  };
}

export function unknownCommandMessage(platform: Platform, name: string): Message {
  const helpUsage = commandUsage(platform, "help");
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return {
    summary: `I don't know the command "${shown}".`,
    blocks: [
      {
        type: "text",
        text: `I don't know the command "${shown}". Try \`${helpUsage}\` to see what I can do.`,
      },
    ],
  };
}
