// Translates the ids in Slack payloads into the core's Actor.
import type { Actor } from "../../core/ports.ts";
import { slackTraits } from "./slack-traits.ts";

/**
 * `enterpriseId`: the Enterprise Grid org the request came from. A Grid user has one user id in every workspace
 * of the org, so the org, not the workspace, says who they are (the identity store finds them from any workspace).
 */
export function slackActor(
  teamId: string,
  userId: string,
  displayName?: string,
  enterpriseId?: string,
): Actor {
  return {
    address: { platform: "slack", tenantId: teamId, userId },
    door: slackTraits,
    ...(displayName ? { displayName } : {}),
    ...(enterpriseId ? { organisationId: enterpriseId } : {}),
  };
}

/** The Grid org of an interactivity payload (block actions, view submissions): top level, or on the team. */
export function enterpriseOf(body: {
  enterprise?: { id?: string } | null;
  team?: { enterprise_id?: string } | null;
}): string | undefined {
  return body.enterprise?.id ?? body.team?.enterprise_id ?? undefined;
}
