// Sends outbox messages to a person's terminal chat: the chat that is open for that person shows them.
import { messageForDoor } from "../../core/door-traits.ts";
import type { Message } from "../../core/message.ts";
import { type ChatSender, DeliveryError } from "../../core/outgoing.ts";
import { consoleTraits } from "./console-traits.ts";

/** What an open chat does with messages the bot sends: show them, or show one again as updated. */
export interface ConsoleScreen {
  showDelivered(messageId: string, message: Message): void;
  showUpdated(messageId: string, message: Message): void;
}

export interface ConsoleSender extends ChatSender {
  /** The chat that shows this person's messages, once it is open. */
  attach(screen: ConsoleScreen): void;
}

/** A sender for one person's console identity (user id = their email); other people's rows are not its to show. */
export function createConsoleSender(userId: string): ConsoleSender {
  let screen: ConsoleScreen | null = null;
  return {
    attach(next) {
      screen = next;
    },
    async send(delivery) {
      if (!screen) throw new DeliveryError("retry", "no terminal chat is open for this person");
      if (delivery.target.id !== userId) {
        throw new DeliveryError("retry", "the terminal chat open here belongs to someone else");
      }
      const messageId = `console-${delivery.id}`;
      screen.showDelivered(messageId, messageForDoor(delivery.message, consoleTraits));
      return { messageId, channelId: userId };
    },
    async update(target, message) {
      if (!screen || target.channelId !== userId) {
        throw new DeliveryError("permanent", "the terminal chat that showed this message is closed");
      }
      screen.showUpdated(target.messageId, message);
    },
  };
}
