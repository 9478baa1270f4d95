// Translates a Teams activity into the core's Actor, keeping the conversation reference of a personal chat.
import { type Activity, TurnContext } from "botbuilder";
import type { Actor } from "../../core/ports.ts";
import { teamsTraits } from "./teams-traits.ts";

interface ClientInfoEntity {
  type: string;
  timezone?: string;
}

export function teamsTenantId(activity: Partial<Activity>): string {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id ?? "unknown-tenant";
}

export function teamsActor(activity: Partial<Activity>): Actor {
  const from = activity.from ?? { id: "unknown", name: "" };
  // The AAD object id is stable across the tenant and matches the people CSV; the 29:… id is per bot.
  const userId = from.aadObjectId ?? from.id;
  const clientInfo = (activity.entities as ClientInfoEntity[] | undefined)?.find(
    (e) => e.type === "clientInfo",
  );
  const personal = activity.conversation?.conversationType === "personal" || !activity.conversation?.isGroup;
  return {
    address: { platform: "teams", tenantId: teamsTenantId(activity), userId },
    door: teamsTraits,
    ...(from.name ? { displayName: from.name } : {}),
    ...(clientInfo?.timezone ? { timezone: clientInfo.timezone } : {}),
    ...(personal ? { conversationRef: TurnContext.getConversationReference(activity) } : {}),
    ...channelOf(activity),
  };
}

/** A Teams channel message: the channel's id and a reference that posts a new message in it (not a thread reply). */
function channelOf(activity: Partial<Activity>): Pick<Actor, "channel"> {
  const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
  const channelId = channelData?.channel?.id;
  if (activity.conversation?.conversationType !== "channel" || !channelId) return {};
  const { activityId: _thread, ...reference } = TurnContext.getConversationReference(activity);
  return {
    channel: {
      id: channelId,
      conversationRef: {
        ...reference,
        conversation: {
          ...reference.conversation,
          id: channelId,
          isGroup: true,
          conversationType: "channel",
        },
      },
    },
  };
}
