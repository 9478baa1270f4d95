// Translates the ids in Slack payloads into the core's Actor.
import type { Actor } from "../../core/ports.ts";
import { slackTraits } from "./slack-traits.ts";

export function slackActor(teamId: string, userId: string, displayName?: string): Actor {
  return {
    address: { platform: "slack", tenantId: teamId, userId },
    door: slackTraits,
    ...(displayName ? { displayName } : {}),
  };
}
