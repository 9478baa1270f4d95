// With OAuth: an uninstall or a revoked bot token removes that workspace's (or organisation's) installation.
import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.ts";
import type { SlackOAuth } from "../slack-oauth.ts";

export interface InstallationListenerDeps {
  oauth: Pick<SlackOAuth, "uninstall">;
  logger: Logger;
}

interface RevokedEvent {
  tokens?: { bot?: unknown };
}

export function register(app: App, deps: InstallationListenerDeps): void {
  const forget = async (
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
    why: string,
  ) => {
    const lookup = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall,
    };
    const removed = await deps.oauth.uninstall(lookup);
    deps.logger.info(
      { team: context.teamId ?? null, enterprise: context.enterpriseId ?? null, removed },
      `Slack installation removed: ${why}`,
    );
  };

  app.event("app_uninstalled", async ({ context }) => {
    await forget(context, "the app was uninstalled");
  });

  app.event("tokens_revoked", async ({ event, context }) => {
    const bot = (event as RevokedEvent).tokens?.bot;
    // Only the bot token matters: a revoked user token leaves the installation working.
    if (Array.isArray(bot) && bot.length > 0) await forget(context, "its bot token was revoked");
  });
}
