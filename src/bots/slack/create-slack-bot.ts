// The Slack door: a Bolt app behind an HTTPReceiver whose request listener the shared HTTP server calls, or behind a
// SocketModeReceiver (SLACK_APP_TOKEN); one token (SLACK_BOT_TOKEN) or one per installed workspace (OAuth).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, AppOptions, Authorize } from "@slack/bolt";
import { HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Core } from "../../core/create-core.ts";
import type { AuditTrail, EventLedger, WorkspaceStatus } from "../../core/platform-events.ts";
import type { SlackInstallationStore } from "../../db/slack-installation-store.ts";
import type { Logger } from "../../logger.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import { register as registerAppHome } from "./listeners/app-home.ts";
import { register as registerBlockActions } from "./listeners/block-actions.ts";
import { register as registerInstallations } from "./listeners/installations.ts";
import { register as registerPlatformEvents } from "./listeners/platform-events.ts";
import { register as registerSlashCommands, SLASH_COMMANDS } from "./listeners/slash-commands.ts";
import { register as registerViewSubmissions } from "./listeners/view-submissions.ts";
import { PromptAckApp } from "./prompt-ack-app.ts";
import { createSlackOAuth, type SlackOAuth } from "./slack-oauth.ts";
import type { SlackTokenFor } from "./slack-sender.ts";

type RetryOptions = NonNullable<NonNullable<AppOptions["clientOptions"]>["retryConfig"]>;

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackBot {
  app: App;
  /**
   * The Web API client for messages the bot starts (the outbox, time zone look-ups): with SLACK_BOT_TOKEN it
   * carries that token; with OAuth it carries none and each call passes its workspace's token from `tokenFor`.
   */
  client: webApi.WebClient;
  /** With OAuth: the token of a workspace's installation. */
  tokenFor?: SlackTokenFor;
  /** With OAuth: the install page, the redirect and the installation store. */
  oauth?: SlackOAuth;
  /** How Slack reaches the app: HTTP requests to /slack/events, or a WebSocket the app opens (Socket Mode). */
  mode: "http" | "socket";
  receiver: HTTPReceiver | SocketModeReceiver;
  /** POST /slack/events (HTTP mode only). */
  handle?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Socket Mode: opens the WebSocket to Slack (nothing to do over HTTP). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackBotOptions {
  config: SlackConfig;
  core: Core;
  logger: Logger;
  /** The Web API client's own retries; the outbox retries deliveries itself, so keep these short. */
  retryConfig?: RetryOptions;
  /** How long one Web API request may take before it is abandoned (and the outbox retries it); default 10 s. */
  requestTimeoutMs?: number;
  /** See SlackListenerDeps.ackWithinMs. */
  ackWithinMs?: number;
  /** Events API: a retried delivery is processed once; uninstalls and revoked tokens stop deliveries there. */
  events?: { ledger: EventLedger; audit: AuditTrail; workspaces: WorkspaceStatus };
  /** Required with OAuth (config.oauth): where installations are kept. */
  installations?: SlackInstallationStore;
}

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const logger = createBoltLogger(options.logger);
  const config = options.config;
  const receiver = config.appToken
    ? new SocketModeReceiver({ appToken: config.appToken, logger })
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? "",
        endpoints: SLACK_EVENTS_PATH,
        logger,
        // A dispatch error must not show a stack trace to Slack; it is logged and answered with a 500.
        dispatchErrorHandler: async ({ error, response }) => {
          options.logger.error({ err: error.message }, "Slack request could not be dispatched");
          if (!response.headersSent) {
            response.writeHead(500);
            response.end();
          }
        },
        // The last resort for a request nothing acked in time (PromptAckApp acks unhandled kinds at once): a 200, so
        // Slack does not show the person an error for something the bot had nothing to say to, instead of Bolt's 404.
        unhandledRequestHandler: ({ response }) => {
          options.logger.debug({}, "Slack request not acknowledged in time; answered 200 empty");
          if (!response.headersSent) {
            response.writeHead(200);
            response.end();
          }
        },
      });
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: ensureTrailingSlash(config.apiUrl) } : {}),
    retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    // A 429 comes back to the caller (the outbox), which paces and retries with Retry-After.
    rejectRateLimitedCalls: true,
    timeout: options.requestTimeoutMs ?? 10_000,
  };
  const oauth = config.oauth ? createOAuth(options, clientOptions) : undefined;
  const client = new webApi.WebClient(config.botToken, { ...clientOptions, logger });
  const authorize = oauth ? oauth.authorize : createTokenAuthorize(client, options, config.botToken ?? "");
  const app = new PromptAckApp(
    { authorize, receiver, logger, clientOptions },
    { commands: SLASH_COMMANDS, interactions: ["block_actions", "view_submission", "view_closed"] },
    options.logger,
  );
  const deps = {
    core: options.core,
    logger: options.logger,
    ...(options.ackWithinMs !== undefined ? { ackWithinMs: options.ackWithinMs } : {}),
  };
  if (options.events) registerPlatformEvents(app, { ...options.events, logger: options.logger });
  if (oauth) registerInstallations(app, { oauth, logger: options.logger });
  registerSlashCommands(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmissions(app, deps);
  registerAppHome(app, deps);
  app.error(async (error) => {
    options.logger.error({ err: error.message, code: error.code }, "Slack listener failed");
  });
  const socket = receiver instanceof SocketModeReceiver;
  return {
    app,
    client,
    ...(oauth ? { oauth, tokenFor: oauth.tokenFor } : {}),
    mode: socket ? "socket" : "http",
    receiver,
    ...(receiver instanceof HTTPReceiver
      ? { handle: (req: IncomingMessage, res: ServerResponse) => receiver.requestListener(req, res) }
      : {}),
    start: async () => {
      if (socket) await app.start();
    },
    stop: async () => {
      if (socket) await app.stop();
    },
  };
}

function createOAuth(options: SlackBotOptions, clientOptions: Record<string, unknown>): SlackOAuth {
  const oauthConfig = options.config.oauth;
  if (!oauthConfig || !options.installations || !options.events) {
    throw new Error("Slack OAuth needs an installation store and the event ledger");
  }
  return createSlackOAuth({
    config: oauthConfig,
    store: options.installations,
    ledger: options.events.ledger,
    audit: options.events.audit,
    workspaces: options.events.workspaces,
    logger: options.logger,
    clientOptions,
  });
}

/**
 * Bolt given a `token` runs auth.test once in its constructor, awaits it only at the first request and keeps
 * the result: with Slack down or slow at start, the rejection is unhandled (Node stops) and every later request
 * fails on the cached error. This checks the token at start too, but logs a failure and asks again next time.
 */
function createTokenAuthorize(
  client: webApi.WebClient,
  options: SlackBotOptions,
  botToken: string,
): Authorize<boolean> {
  let identity: Promise<{ botToken: string; botId?: string; botUserId?: string }> | undefined;
  const check = () => {
    identity ??= client.auth.test().then((result) => ({
      botToken,
      ...(result.bot_id ? { botId: result.bot_id } : {}),
      ...(result.user_id ? { botUserId: result.user_id } : {}),
    }));
    identity.catch(() => {
      identity = undefined;
    });
    return identity;
  };
  check().catch((error: Error) => {
    options.logger.warn(
      { err: error.message },
      "Slack did not confirm the bot token at start (auth.test); will ask again at the next Slack request. Check SLACK_BOT_TOKEN if this persists.",
    );
  });
  // A fresh object per request: Bolt writes the request's teamId, enterpriseId and userId into what authorize
  // returns, so a shared object would carry the first request's workspace into every later request's context.
  return async () => ({ ...(await check()) });
}

function ensureTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
