// The console identity: a chat identity like a Slack or Teams one, on platform "console", tenant "local", user = email.
import type { ChatAddress } from "../../core/message.ts";
import type { Actor } from "../../core/ports.ts";
import { consoleTraits } from "./console-traits.ts";

export const CONSOLE_TENANT = "local";

export function consoleAddress(email: string): ChatAddress {
  return { platform: "console", tenantId: CONSOLE_TENANT, userId: email.trim().toLowerCase() };
}

/**
 * The terminal also counts as a channel (its id is the person's email), so that `celebrate here` can be tried in
 * it: celebrations posted there show in that person's terminal chat.
 */
export function consoleActor(email: string, displayName?: string): Actor {
  const address = consoleAddress(email);
  return {
    address,
    door: consoleTraits,
    channel: { id: address.userId },
    ...(displayName ? { displayName } : {}),
  };
}
