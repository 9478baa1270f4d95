// A Bolt App that acks at once every Slack request it has no listener for, instead of leaving Slack waiting.
import { App, type AppOptions, type ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../../logger.ts";

/** What this app has listeners for; everything else is acked empty on arrival. */
export interface HandledRequests {
  /** Slash commands with a listener ("/collab"). */
  commands: readonly string[];
  /** Interactivity payload types with a listener ("block_actions", "view_submission", "view_closed"). */
  interactions: readonly string[];
}

/**
 * Why: Bolt calls no listener for a request nobody registered for (a global or message shortcut, a
 * block_suggestion, a legacy interactive_message or dialog, an unknown command) and never acks it; its
 * HTTPReceiver then answers 404 after about 3 s and Slack shows the person an error. Some (dialog_cancellation)
 * Bolt cannot even classify. Deciding here, before authorize and the listeners, acks them in milliseconds.
 */
export function unhandledKind(body: unknown, handled: HandledRequests): string | null {
  if (typeof body !== "object" || body === null) return "unknown";
  const record = body as Record<string, unknown>;
  // Events API envelopes: Bolt acks every event itself before its listeners run; url_verification and ssl_check
  // are answered by the receiver and never get here.
  if (record.event !== undefined) return null;
  if (typeof record.command === "string") {
    return handled.commands.includes(record.command) ? null : "command";
  }
  const type = typeof record.type === "string" ? record.type : "unknown";
  return handled.interactions.includes(type) ? null : type;
}

/** Options lists (block_suggestion, dialog_suggestion) are answered with no options rather than an empty body. */
function ackBodyFor(kind: string): Record<string, unknown> | undefined {
  return kind === "block_suggestion" || kind === "dialog_suggestion" ? { options: [] } : undefined;
}

export class PromptAckApp extends App {
  readonly #handled: HandledRequests;
  readonly #log: Logger;

  constructor(options: AppOptions, handled: HandledRequests, log: Logger) {
    super(options);
    this.#handled = handled;
    this.#log = log;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const kind = unhandledKind(event.body, this.#handled);
    if (kind === null) return super.processEvent(event);
    await event.ack(ackBodyFor(kind));
    this.#log.debug({ kind: kind.slice(0, 60) }, "Slack request the app does not handle: acknowledged");
  }
}
