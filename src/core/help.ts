// The help message: every command a person can use, worded the same on Slack and Teams.
import type { Message, Platform } from "./message.ts";

export interface CommandHelp {
  usage: string;
  description: string;
}

export const commandList: readonly CommandHelp[] = [
  {
    usage: "find-collaborator <what you need>",
    description: "Suggests people who complement you, with reasons.",
  },
  { usage: "help", description: "Shows this list." },
];

function usageOn(platform: Platform, usage: string): string {
  if (platform !== "slack") return usage;
  return usage.startsWith("find-collaborator") ? `/${usage}` : `/collab ${usage}`;
}

export function helpMessage(platform: Platform): Message {
  const lines = commandList.map((c) => `• \`${usageOn(platform, c.usage)}\` — ${c.description}`);
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

export function unknownCommandMessage(platform: Platform, name: string): Message {
  const helpUsage = platform === "slack" ? "/collab help" : "help";
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
