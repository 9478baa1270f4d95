// The product's entry point for the doors: a command or a button press in, a neutral reply out.
import { parseCommandText } from "./command-text.ts";
import { helpMessage, unknownCommandMessage } from "./help.ts";
import type { Message } from "./message.ts";
import type { Actor, Clock, IdentityStore, Log } from "./ports.ts";

export interface CoreDeps {
  identities: IdentityStore;
  clock: Clock;
  log: Log;
}

export interface CommandInput {
  actor: Actor;
  text: string;
  /** The Slack slash command that carried the text, when there was one. */
  slashCommand?: string;
}

export type Reply = { kind: "message"; message: Message };

export interface Core {
  handleCommand(input: CommandInput): Promise<Reply>;
  /** Records a chat identity's first contact or install, keeping its Teams conversation reference. */
  recordContact(actor: Actor): Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  return {
    async handleCommand(input) {
      const platform = input.actor.address.platform;
      await deps.identities.recordContact(input.actor, deps.clock.now());
      const command = parseCommandText(input.text, input.slashCommand);
      switch (command.name) {
        case "help":
          return { kind: "message", message: helpMessage(platform) };
        default:
          return { kind: "message", message: unknownCommandMessage(platform, command.name) };
      }
    },
    async recordContact(actor) {
      await deps.identities.recordContact(actor, deps.clock.now());
    },
  };
}
