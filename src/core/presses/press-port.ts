// Every button counts once: the ledger of the presses that changed something, one per prompt, and what a second press is told.
import { formatInstant } from "../local-date.ts";
import type { Message } from "../message.ts";

/** A press that counted: the first of its prompt and slot. */
export interface RecordedPress {
  promptKey: string;
  /** The handler's action id (or its declared slot): buttons of one slot share the prompt's one answer. */
  actionId: string;
  pressedAt: Date;
  /** A short, nameless phrase of what the press did: "you met", "accepted". */
  outcome: string;
}

export interface PressAttempt {
  promptKey: string;
  actionId: string;
  pressed: string;
  personId: string | null;
  at: Date;
}

export type PressResult<T> = { kind: "first"; result: T } | { kind: "again"; press: RecordedPress };

export interface PressLedger {
  /**
   * In one transaction: claims (promptKey, actionId) with INSERT … ON CONFLICT DO NOTHING. When another press holds
   * it (another click, instance or retry), answers that press and runs nothing. Otherwise runs `change` inside the
   * same transaction (the store calls it makes join it), keeps the claim with the outcome `change` names, or lets
   * the claim go when it names none (nothing changed: a refusal, a stale button). A throw rolls everything back.
   */
  once<T>(
    attempt: PressAttempt,
    change: () => Promise<{ result: T; outcome: string | null }>,
  ): Promise<PressResult<T>>;
}

/** What a second press of a prompt is told, in place of the prompt: what was recorded, and when. */
export function recordedAgainMessage(press: RecordedPress, zone: string | null | undefined): Message {
  const text = `Recorded on ${formatInstant(press.pressedAt, zone)}: ${press.outcome}. Nothing more to do here.`;
  return { summary: `Recorded: ${press.outcome}`, blocks: [{ type: "text", text }] };
}
