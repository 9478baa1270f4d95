// How a capability plugs into the core: the commands people type and the buttons and forms they submit.
import type { Access, Requirement } from "./access/access.ts";
import type { Form, Message } from "./message.ts";
import type { Actor } from "./ports.ts";

/** What the core answers; the door decides how each looks on its platform. */
export type Reply =
  /** Shown to the person who asked only (Slack ephemeral, Teams reply). */
  | { kind: "message"; message: Message }
  /** A form to fill in (Slack modal, Teams card with inputs). */
  | { kind: "form"; form: Form }
  /**
   * Replace the message that held the button (a check-in prompt turning into "Recorded"); with `form`, then open
   * that form too (Slack: a modal from the click's trigger; Teams: a card after the updated one).
   */
  | { kind: "update"; message: Message; form?: Form }
  /** A submitted form had problems: messages by input id; the form stays open on Slack. */
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "none" };

export interface CommandContext {
  actor: Actor;
  /** The person behind this chat identity, when their identity is linked to a profile. */
  personId: string | null;
  /** What followed the command name. */
  args: string;
  now: Date;
  /** The asker's roles; the core has checked the handler's `access` already, per-programme checks are the handler's. */
  access: Access;
}

/** Who may run a handler; the core refuses everyone else before the handler runs, with `refusal` or its own words. */
export interface Guarded {
  access: Requirement;
  refusal?: string;
}

export interface CommandHandler extends Guarded {
  name: string;
  aliases?: readonly string[];
  /** As a person types it after the command name, e.g. "pause <duration>". */
  usage: string;
  description: string;
  run(context: CommandContext): Promise<Reply>;
}

export interface ActionContext {
  actor: Actor;
  personId: string | null;
  actionId: string;
  value: string;
  /** Values of the form's or card's inputs, by input id. */
  inputs: Record<string, string | string[]>;
  now: Date;
  access: Access;
}

export interface ActionHandler extends Guarded {
  /** Exact action id, or a prefix ending in "." or ":" that the handler owns. */
  actionId: string;
  run(context: ActionContext): Promise<Reply>;
}

export interface CoreFeature {
  commands?: readonly CommandHandler[];
  actions?: readonly ActionHandler[];
}

export const textReply = (text: string): Reply => ({
  kind: "message",
  message: { summary: text, blocks: [{ type: "text", text }] },
});
