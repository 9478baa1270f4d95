// The help message: every command a person can use, written as they type it through their door.
import type { Access } from "./access/access.ts";
import type { DoorTraits } from "./door-traits.ts";
import type { CommandHandler } from "./feature.ts";
import type { Message } from "./message.ts";

export interface CommandHelp {
  name: string;
  usage: string;
  description: string;
}

/** How a person types a command through their door, e.g. "/collab pause" or "pause". */
export function commandUsage(door: DoorTraits, usage: string): string {
  const name = usage.split(" ")[0] ?? "";
  return door.slashCommands.includes(name) ? `/${usage}` : `${door.commandPrefix}${usage}`;
}

export function helpMessage(door: DoorTraits, commands: readonly CommandHelp[]): Message {
  const lines = commands.map((c) => `• \`${commandUsage(door, c.usage)}\` — ${c.description}`);
  return {
    summary: "Here is what I can do.",
    blocks: [
      { type: "header", text: "Research collaboration bot" },
      { type: "text", text: "Here is what I can do:" },
      { type: "text", text: lines.join("\n") },
      {
        type: "context",
        text: door.privateReplies
          ? "Replies to commands are visible only to you."
          : "Type a command as a message to me; in a channel, mention me first.",
      },
    ],
  };
}

/** Coordinator and admin commands are for those who have the role: nobody else is shown them. */
const forRoleHolders = (command: CommandHandler) =>
  command.access === "coordinator" || command.access === "admin";

/** The commands anyone may be shown, before their roles are known (someone the bot does not know yet). */
export function everyoneCommands(commands: readonly CommandHandler[]): CommandHandler[] {
  return commands.filter((command) => !forRoleHolders(command));
}

/** The commands this person is shown: everyone's, and those of the roles they have. */
export async function commandsFor(
  commands: readonly CommandHandler[],
  access: Pick<Access, "has">,
): Promise<CommandHandler[]> {
  const shown: CommandHandler[] = [];
  for (const command of commands) {
    if (!forRoleHolders(command) || (await access.has(command.access as "coordinator" | "admin"))) {
      shown.push(command);
    }
  }
  return shown;
}

export function helpCommand(list: () => readonly CommandHandler[]): CommandHandler {
  return {
    name: "help",
    access: "anyone",
    usage: "help",
    description: "Shows this list.",
    run: async ({ actor, access }) => ({
      kind: "message",
      message: helpMessage(actor.door, await commandsFor(list(), access)),
    }),
  };
}

export function unknownCommandMessage(door: DoorTraits, name: string): Message {
  const helpUsage = commandUsage(door, "help");
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
