// What a door (Slack, Teams, the terminal chat) can do, as it tells the core; the core words its replies from this, never from the platform's name.
import { commandUsage } from "./help.ts";
import type { Block, Message, RefreshAction, RichText, Span } from "./message.ts";

export interface DoorTraits {
  /** Typed before a command's words: "/collab " where commands are one slash command, "" where they are plain messages. */
  commandPrefix: string;
  /** Commands the door also offers as a slash command of their own, typed `/<usage>` without the prefix. */
  slashCommands: readonly string[];
  /** Whether a message can carry inputs (a card with a note box); if not, a form opens after a click instead. */
  inlineInputs: boolean;
  /** How a command names a person: by the chat's mentions of user ids (`<@U123>`), or by email address. */
  mentions: "user-ids" | "emails";
  /** Whether replies to a command are seen by the asker only; if not, they show where the command was typed. */
  privateReplies: boolean;
  /** Whether the bot posts in a channel only after someone has invited it there (`/invite`). */
  channelInvite: boolean;
}

/** A command named in a message written before its door is known: the door writes it, e.g. `/collab mentor log`. */
export interface CommandSpan {
  command: string;
}

type DoorText = string | readonly (Span | CommandSpan)[];

/** A block of a door-dependent message: text and context lines may name commands. */
export type DoorBlock = Block | { type: "text"; text: DoorText } | { type: "context"; text: DoorText };

/**
 * A message written without knowing the door that will show it (a job's prompt to a person, through the outbox):
 * the door's sender turns it into a plain message with `messageForDoor` before rendering.
 */
export interface DoorMessage {
  summary: string;
  blocks: readonly DoorBlock[];
  refresh?: RefreshAction;
  /** The message as worded for a door whose messages cannot carry inputs (`inlineInputs` false): shown there instead. */
  withoutInputs?: { summary: string; blocks: readonly DoorBlock[] };
}

/** The text with its commands written out; runs of plain text are joined, as if it had been written as one. */
function textFor(text: DoorText, door: DoorTraits): RichText {
  if (typeof text === "string") return text;
  const spans: Span[] = [];
  for (const span of text) {
    const written = typeof span === "object" && "command" in span ? commandUsage(door, span.command) : span;
    const last = spans.length - 1;
    if (typeof written === "string" && typeof spans[last] === "string") spans[last] += written;
    else spans.push(written);
  }
  return spans.length === 1 && typeof spans[0] === "string" ? spans[0] : spans;
}

function blockFor(block: DoorBlock, door: DoorTraits): Block {
  if (block.type === "text") return { type: "text", text: textFor(block.text, door) };
  if (block.type === "context") return { type: "context", text: textFor(block.text, door) };
  return block;
}

/** The plain message this door shows: its own wording where there is one, commands written as the door types them. */
export function messageForDoor(message: DoorMessage, door: DoorTraits): Message {
  const chosen = !door.inlineInputs && message.withoutInputs ? message.withoutInputs : message;
  return {
    summary: chosen.summary,
    blocks: chosen.blocks.map((block) => blockFor(block, door)),
    ...(message.refresh ? { refresh: message.refresh } : {}),
  };
}
