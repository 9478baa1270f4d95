// Asks Slack for a person's time zone (users.info `tz`) when their profile form opens and we do not know it yet.
import type { webApi } from "@slack/bolt";
import type { TimezoneLookup } from "../../core/profile/profile-port.ts";
import type { SlackTokenFor } from "./slack-sender.ts";

/** `tokenFor` with OAuth: the person's workspace's token. */
export function createSlackTimezoneLookup(
  client: webApi.WebClient,
  tokenFor?: SlackTokenFor,
): TimezoneLookup {
  return {
    async timezoneOf(address) {
      if (address.platform !== "slack") return undefined;
      const token = tokenFor ? { token: await tokenFor(address.tenantId) } : {};
      const response = await client.users.info({ ...token, user: address.userId });
      const zone = (response.user as { tz?: unknown } | undefined)?.tz;
      return typeof zone === "string" && zone !== "" ? zone : undefined;
    },
  };
}
