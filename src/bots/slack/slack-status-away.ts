// Reads a person's Slack status (users.profile.get, optional scope users.profile:read) as days away: "Out of
// office", "On holiday", "Annual leave" or a :palm_tree: until its expiry. Without the scope it stays quiet.
import type { webApi } from "@slack/bolt";
import { isAwayStatus, type StatusAwayLookup } from "../../core/away/status-away.ts";
import type { Log } from "../../core/ports.ts";
import type { SlackTokenFor } from "./slack-sender.ts";

/** After a workspace answered missing_scope, it is asked again only this much later (a reinstall may add it). */
const MISSING_SCOPE_RETRY_MS = 6 * 3_600_000;

interface SlackProfile {
  status_text?: unknown;
  status_emoji?: unknown;
  status_expiration?: unknown;
}

export function createSlackStatusAway(
  client: webApi.WebClient,
  log: Log,
  tokenFor?: SlackTokenFor,
  now: () => Date = () => new Date(),
): StatusAwayLookup {
  const missingScope = new Map<string, number>();
  let toldMissingScope = false;
  return {
    async awayOf(address) {
      if (address.platform !== "slack") return null;
      const since = missingScope.get(address.tenantId);
      if (since !== undefined && now().getTime() - since < MISSING_SCOPE_RETRY_MS) return null;
      let profile: SlackProfile | undefined;
      try {
        const token = tokenFor ? { token: await tokenFor(address.tenantId) } : {};
        const response = await client.users.profile.get({ ...token, user: address.userId });
        profile = response.profile as SlackProfile | undefined;
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === "missing_scope") {
          missingScope.set(address.tenantId, now().getTime());
          if (!toldMissingScope) {
            toldMissingScope = true;
            log.info(
              { tenantId: address.tenantId },
              "Slack statuses are not read: add the optional users.profile:read scope to skip people whose status says they are out of office",
            );
          }
        } else {
          log.warn(
            { tenantId: address.tenantId, code: code ?? "unreachable" },
            "Could not read a Slack status",
          );
        }
        return null;
      }
      const text = typeof profile?.status_text === "string" ? profile.status_text : "";
      const emoji = typeof profile?.status_emoji === "string" ? profile.status_emoji : "";
      if (!isAwayStatus(text, emoji)) return null;
      const expiration = Number(profile?.status_expiration ?? 0);
      const until = Number.isFinite(expiration) && expiration > 0 ? new Date(expiration * 1000) : null;
      if (until && until.getTime() <= now().getTime()) return null;
      // The status text is the person's own words: it is not stored, only that it came from Slack.
      return { until, label: "Slack status" };
    },
  };
}
