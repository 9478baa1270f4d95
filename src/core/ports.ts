// The small interfaces the core owns and the doors and db/ implement: storage, clock and a log.
import type { DoorTraits } from "./door-traits.ts";
import type { ChatAddress, PersonRef } from "./message.ts";

/** Who is talking to the bot, as a door saw them. */
export interface Actor {
  address: ChatAddress;
  /** What the door they came through can do: the core words its replies from this, never from the platform. */
  door: DoorTraits;
  displayName?: string;
  /**
   * An organisation spanning tenants in which the same user id is the same person in every tenant (Slack
   * Enterprise Grid's enterprise id): contact from another tenant of it finds the person already known.
   */
  organisationId?: string;
  /** Teams: the conversation reference for proactive messages to this person's personal chat. */
  conversationRef?: unknown;
  /** The platform's idea of the person's time zone (Slack users.info tz, Teams clientInfo timezone). */
  timezone?: string;
  /** The channel the command was typed in (not a direct message): Slack channel id, Teams channel and its reference. */
  channel?: { id: string; conversationRef?: unknown };
}

export interface IdentityStore {
  /** Records that this chat identity talked to the bot; returns the linked person's id, if any. */
  recordContact(actor: Actor, at: Date): Promise<{ personId: string | null }>;
}

export interface Clock {
  now(): Date;
}

export interface Log {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export const systemClock: Clock = { now: () => new Date() };

/** Names people as messages show them: name, institution and the chat identities a renderer can mention. */
export interface PeopleDirectory {
  personRefs(personIds: readonly string[]): Promise<Map<string, PersonRef>>;
}

/** Tells which email addresses belong to members (people the bot knows), so free text may name them. */
export interface MemberEmails {
  /** The addresses among `emails` (lower-cased) that are members' addresses, lower-cased. */
  membersAmong(emails: readonly string[]): Promise<ReadonlySet<string>>;
}
