// The console identity: a chat identity like a Slack or Teams one, on platform "console", tenant "local", user = email.
import type { ChatAddress } from "../../core/message.ts";
import type { Actor } from "../../core/ports.ts";
import { consoleTraits } from "./console-traits.ts";

export const CONSOLE_TENANT = "local";

export function consoleAddress(email: string): ChatAddress {
  return { platform: "console", tenantId: CONSOLE_TENANT, userId: email.trim().toLowerCase() };
}

export function consoleActor(email: string, displayName?: string): Actor {
  return { address: consoleAddress(email), door: consoleTraits, ...(displayName ? { displayName } : {}) };
}
