// What the core asks to be sent: a neutral message to a person (on whichever platform reaches them) or a channel.
import type { DoorMessage } from "./door-traits.ts";
import type { Message, Platform } from "./message.ts";

export type Destination =
  | {
      kind: "person";
      personId: string;
      /**
       * The programme the message is about: it reaches the person only through an account in a workspace or
       * tenant that may see the programme (`collab programme link`); any account when the programme has no links.
       */
      programmeId?: string | null;
    }
  | { kind: "channel"; platform: Platform; tenantId: string; channelId: string; conversationRef?: unknown };

export interface OutgoingMessage {
  /** What it is, for the digest and the logs: "checkin.prompt", "intro.request", … */
  kind: string;
  to: Destination;
  /** Worded for any door: the sender of the door that reaches the person settles it with `messageForDoor`. */
  message: DoorMessage;
  /** The same key is enqueued once, whatever instance or retry enqueues it. */
  dedupeKey?: string;
}

/** Where a delivery goes on its platform: a user's DM or a channel, with the Teams reference when needed. */
export interface DeliveryTarget {
  kind: "user" | "channel";
  id: string;
  conversationRef?: unknown;
}

export interface Delivery {
  id: number;
  platform: Platform;
  tenantId: string;
  target: DeliveryTarget;
  /** As written for the outbox; the door's sender shows `messageForDoor(message, its traits)`. */
  message: DoorMessage;
  attempts: number;
}

export interface DeliveryReceipt {
  messageId: string;
  channelId: string;
}

/** A failed send says whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    readonly outcome: "retry" | "permanent",
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = "DeliveryError";
  }
}

/** One platform's way of sending and updating messages; bots/slack and bots/teams implement it. */
export interface ChatSender {
  send(delivery: Delivery): Promise<DeliveryReceipt>;
  update(
    target: { tenantId: string; channelId: string; messageId: string; conversationRef?: unknown },
    message: Message,
  ): Promise<void>;
}
