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
  /**
   * A submitted form had problems: messages by input id; the form stays open on Slack and in the terminal. With
   * `form` (the form again, holding what was typed and the problems), a door whose forms close on submit (Teams)
   * shows it again so the person can correct or rephrase without typing it all anew.
   */
  | { kind: "invalid"; errors: Record<string, string>; form?: Form }
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
  /**
   * For a handler whose presses count once: marks this press as the one that counted for its prompt, with a short,
   * nameless phrase of what it did ("you met"); a later press of the prompt is told "Recorded on …: you met" and
   * changes nothing. A press that changed nothing (a refusal, a stale button) does not call it and is not kept.
   */
  record(outcome: string): void;
}

/** What a button's press does with what is stored; every action declares it (test/app/every-button-once.test.ts). */
export type Presses =
  /**
   * Counted once per prompt: `prompt` names the prompt from what the button carries (null for a value too old or
   * malformed to name one: the handler answers that itself). Presses under one `slot` (default: the handler's
   * action id) share the prompt's one answer, e.g. a follow-up's Done, Snooze and Not needed.
   */
  | {
      kind: "once";
      prompt(press: PressedButton): string | null;
      slot?: string;
      /** A form's submit: a second submission is answered with a message (there is no prompt to replace). */
      submits?: boolean;
    }
  /** Changes nothing stored: opens a form, shows a list. */
  | { kind: "reads" }
  /** Sets state to what the press names (a cadence, a status, a form's values): pressing again leaves it so. */
  | { kind: "sets" };

/** What a press carries, for naming its prompt. */
export interface PressedButton {
  actionId: string;
  value: string;
  inputs: Record<string, string | string[]>;
  personId: string | null;
}

export interface ActionHandler extends Guarded {
  /** Exact action id, or a prefix ending in "." or ":" that the handler owns. */
  actionId: string;
  presses: Presses;
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
