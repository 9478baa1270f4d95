// Slack's OAuth install for many workspaces: @slack/oauth's InstallProvider over our installation table.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authorize } from "@slack/bolt";
import type {
  CodedError,
  Installation,
  InstallationQuery,
  InstallationStore,
  StateStore,
} from "@slack/oauth";
// @slack/oauth is CommonJS whose exports Node cannot list for ESM named imports (vitest's loader can, plain node
// cannot): take the values from its default export.
import slackOAuth from "@slack/oauth";
import type { SlackOAuthConfig } from "../../config.ts";

const { ClearStateStore, ErrorCode, InstallProvider, InvalidStateError } = slackOAuth;

import type { AuditTrail, EventLedger, WorkspaceStatus } from "../../core/platform-events.ts";
import type {
  InstallationLookup,
  SlackInstallationRecord,
  SlackInstallationStore,
} from "../../db/slack-installation-store.ts";
import type { Logger } from "../../logger.ts";
import { createBoltLogger } from "./bolt-logger.ts";

export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";
/** The bot scopes asked for at install (as in manifests/slack-app-manifest.yaml; README says why each). */
export const SLACK_BOT_SCOPES = ["commands", "chat:write", "im:write", "users:read"];

/**
 * The install link's `scope`: the required bot scopes, then the optional ones (config.optionalScopes). Slack has no
 * separate parameter for optional scopes: they are requested in `scope` like the others, and the app's settings
 * (bot_optional in the manifest, a subset of its bot scopes) tell Slack to offer them as optional, so an installer
 * may decline them and the install still succeeds with the required ones.
 */
export function installScopes(config: Pick<SlackOAuthConfig, "optionalScopes">): string[] {
  return [...new Set([...SLACK_BOT_SCOPES, ...config.optionalScopes])];
}

/** How long an "Add to Slack" link (its signed state) stays valid. */
const STATE_TTL_SECONDS = 600;

/** No installation serves that workspace: the app was never installed there, or was uninstalled. */
export class SlackNotInstalledError extends Error {
  constructor(lookup: InstallationLookup) {
    super(
      `The Slack app is not installed in ${lookup.enterpriseId ?? lookup.teamId ?? "that workspace"}: install it at ${SLACK_INSTALL_PATH}`,
    );
    this.name = "SlackNotInstalledError";
  }
}

export interface SlackOAuth {
  /** Bolt's authorize: the installation of the request's team or organisation, a fresh object each call. */
  authorize: Authorize<boolean>;
  /** The bot token that reaches a workspace (team id), refreshed first when token rotation is on and it expires. */
  tokenFor(teamId: string): Promise<string>;
  /** GET /slack/install: the "Add to Slack" page, with the state in a cookie. */
  handleInstall(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** GET /slack/oauth_redirect: checks the state, exchanges the code, stores the installation. */
  handleRedirect(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Forgets a workspace's (or organisation's) installation: app uninstalled, tokens revoked. */
  uninstall(lookup: InstallationLookup): Promise<boolean>;
}

export interface SlackOAuthOptions {
  config: SlackOAuthConfig;
  store: SlackInstallationStore;
  /** A seen-once ledger: each state is accepted once, so a replayed redirect is refused. */
  ledger: EventLedger;
  audit: AuditTrail;
  /** An install brings back a workspace the app was uninstalled from (or whose token was revoked there). */
  workspaces: Pick<WorkspaceStatus, "markInstalled">;
  logger: Logger;
  /** Web API client options (SLACK_API_URL, timeouts) for oauth.v2.access and auth.test. */
  clientOptions: Record<string, unknown>;
}

export function createSlackOAuth(options: SlackOAuthOptions): SlackOAuth {
  const { config, store, logger } = options;
  const installer = new InstallProvider({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateStore: createOneTimeStateStore(config.stateSecret, options.ledger),
    installationStore: createInstallationStoreAdapter(store),
    // With a redirect URI the install link and the code exchange both name it, as Slack requires when it is sent.
    installUrlOptions: {
      scopes: installScopes(config),
      ...(config.redirectUri ? { redirectUri: config.redirectUri } : {}),
    },
    logger: createBoltLogger(logger),
    clientOptions: options.clientOptions,
  });

  const authorizeWith = async (query: InstallationQuery<boolean>) => {
    try {
      return await installer.authorize(query);
    } catch (error) {
      // InstallProvider wraps every failure; the cause tells "not installed" from a database or Slack outage.
      const cause = (error as { original?: unknown }).original;
      throw cause instanceof SlackNotInstalledError ? cause : error;
    }
  };

  return {
    authorize: (source) => authorizeWith(source),
    async tokenFor(teamId) {
      const result = await authorizeWith({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      if (!result.botToken) throw new SlackNotInstalledError({ teamId });
      return result.botToken;
    },
    handleInstall: (req, res) => installer.handleInstallPath(req, res),
    handleRedirect: (req, res) =>
      installer.handleCallback(req, res, {
        successAsync: async (installation, _options, _req, response) => {
          const teamId = installation.team?.id ?? null;
          const enterpriseId = installation.enterprise?.id ?? null;
          // A re-install after app_uninstalled or tokens_revoked: deliveries there were stopped and now resume.
          const installedIn = installation.isEnterpriseInstall ? enterpriseId : teamId;
          if (installedIn) await options.workspaces.markInstalled(installedIn);
          const name = installation.isEnterpriseInstall
            ? (installation.enterprise?.name ?? enterpriseId)
            : (installation.team?.name ?? teamId);
          await options.audit.record({
            actor: installation.user.id || "slack",
            platform: "slack",
            action: "slack.installed",
            subject: installation.isEnterpriseInstall ? enterpriseId : teamId,
            details: { teamId, enterpriseId, isEnterpriseInstall: Boolean(installation.isEnterpriseInstall) },
          });
          logger.info(
            { team: teamId, enterprise: enterpriseId, orgWide: Boolean(installation.isEnterpriseInstall) },
            "Slack app installed",
          );
          page(
            response,
            200,
            "Collab is installed",
            `Collab is now installed in ${escapeHtml(name ?? "your workspace")}. Open Slack and type <code>/collab help</code>.`,
          );
        },
        failureAsync: async (error, _options, _req, response) => {
          respondToFailure(error, response, logger);
        },
      }),
    uninstall: (lookup) => store.remove(lookup),
  };
}

function respondToFailure(error: CodedError, res: ServerResponse, logger: Logger): void {
  // The query string holds the one-time code: only the error's kind is logged.
  logger.warn({ code: error.code }, "Slack installation was not completed");
  switch (error.code) {
    case ErrorCode.InvalidStateError:
    case ErrorCode.MissingStateError:
      page(
        res,
        400,
        "Installation link expired",
        `This installation link has expired, was already used, or was opened in another browser. <a href="${SLACK_INSTALL_PATH}">Start again</a>.`,
      );
      return;
    case ErrorCode.MissingCodeError:
    case ErrorCode.AuthorizationError:
      page(
        res,
        400,
        "Installation cancelled",
        `Slack did not grant the installation. <a href="${SLACK_INSTALL_PATH}">Try again</a>.`,
      );
      return;
    default:
      page(
        res,
        502,
        "Installation failed",
        `Slack could not complete the installation just now. <a href="${SLACK_INSTALL_PATH}">Try again</a> in a minute.`,
      );
  }
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The state is a JWT signed with SLACK_STATE_SECRET that expires (ClearStateStore); on top of that each one is
 * accepted once (recorded in the seen-once ledger, which every instance shares), so a replayed redirect fails.
 */
function createOneTimeStateStore(stateSecret: string, ledger: EventLedger): StateStore {
  const signed = new ClearStateStore(stateSecret, STATE_TTL_SECONDS);
  return {
    generateStateParam: (installOptions, now) => signed.generateStateParam(installOptions, now),
    async verifyStateParam(now, state) {
      const installOptions = await signed.verifyStateParam(now, state);
      const digest = createHash("sha256").update(state).digest("hex");
      if (!(await ledger.firstSeen(`oauth_state:${digest}`, now))) {
        throw new InvalidStateError("The state parameter was already used");
      }
      return installOptions;
    },
  };
}

/** @slack/oauth's Installation shape to and from our rows; user tokens are not kept (no user scopes asked). */
function createInstallationStoreAdapter(store: SlackInstallationStore): InstallationStore {
  return {
    async storeInstallation(installation) {
      const bot = installation.bot;
      if (!bot?.token) throw new Error("Slack's installation has no bot token: check the app's bot scopes");
      await store.save({
        teamId: installation.team?.id ?? null,
        teamName: installation.team?.name ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        enterpriseName: installation.enterprise?.name ?? null,
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        appId: installation.appId ?? null,
        botId: bot.id || null,
        botUserId: bot.userId || null,
        botScopes: bot.scopes ?? [],
        botToken: bot.token,
        botRefreshToken: bot.refreshToken ?? null,
        botTokenExpiresAt: bot.expiresAt ? new Date(bot.expiresAt * 1000) : null,
        installerUserId: installation.user.id || null,
      });
    },
    async fetchInstallation(query) {
      const lookup = {
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
      };
      const record = await store.find(lookup);
      if (!record) throw new SlackNotInstalledError(lookup);
      return toInstallation(record);
    },
    async deleteInstallation(query) {
      await store.remove({
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
      });
    },
  };
}

// A new object on every call: InstallProvider (on token refresh) and Bolt change what they are given.
function toInstallation(record: SlackInstallationRecord): Installation<"v2", boolean> {
  return {
    team: record.teamId
      ? { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) }
      : undefined,
    enterprise: record.enterpriseId
      ? { id: record.enterpriseId, ...(record.enterpriseName ? { name: record.enterpriseName } : {}) }
      : undefined,
    user: { id: record.installerUserId ?? "", token: undefined, scopes: undefined },
    bot: {
      id: record.botId ?? "",
      userId: record.botUserId ?? "",
      scopes: [...record.botScopes],
      token: record.botToken,
      ...(record.botRefreshToken ? { refreshToken: record.botRefreshToken } : {}),
      ...(record.botTokenExpiresAt
        ? { expiresAt: Math.floor(record.botTokenExpiresAt.getTime() / 1000) }
        : {}),
    },
    isEnterpriseInstall: record.isEnterpriseInstall,
    ...(record.appId ? { appId: record.appId } : {}),
    tokenType: "bot",
    authVersion: "v2",
  } as Installation<"v2", boolean>;
}
