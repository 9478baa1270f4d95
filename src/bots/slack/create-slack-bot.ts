// The Slack door: a Bolt app behind an HTTPReceiver whose request listener the shared HTTP server calls.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, AppOptions, Authorize } from "@slack/bolt";
import { HTTPReceiver, webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Core } from "../../core/create-core.ts";
import type { AuditTrail, EventLedger, WorkspaceStatus } from "../../core/platform-events.ts";
import type { Logger } from "../../logger.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import { register as registerAppHome } from "./listeners/app-home.ts";
import { register as registerBlockActions } from "./listeners/block-actions.ts";
import { register as registerPlatformEvents } from "./listeners/platform-events.ts";
import { register as registerSlashCommands, SLASH_COMMANDS } from "./listeners/slash-commands.ts";
import { register as registerViewSubmissions } from "./listeners/view-submissions.ts";
import { PromptAckApp } from "./prompt-ack-app.ts";

type RetryOptions = NonNullable<NonNullable<AppOptions["clientOptions"]>["retryConfig"]>;

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackBot {
  app: App;
  /** The Web API client with the bot token, for messages the bot starts (the outbox, time zone look-ups). */
  client: webApi.WebClient;
  handle(req: IncomingMessage, res: ServerResponse): void;
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
}

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const logger = createBoltLogger(options.logger);
  const receiver = new HTTPReceiver({
    signingSecret: options.config.signingSecret,
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
    ...(options.config.apiUrl ? { slackApiUrl: ensureTrailingSlash(options.config.apiUrl) } : {}),
    retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    // A 429 comes back to the caller (the outbox), which paces and retries with Retry-After.
    rejectRateLimitedCalls: true,
    timeout: options.requestTimeoutMs ?? 10_000,
  };
  const client = new webApi.WebClient(options.config.botToken, { ...clientOptions, logger });
  const app = new PromptAckApp(
    { authorize: createTokenAuthorize(client, options), receiver, logger, clientOptions },
    { commands: SLASH_COMMANDS, interactions: ["block_actions", "view_submission", "view_closed"] },
    options.logger,
  );
  const deps = {
    core: options.core,
    logger: options.logger,
    ...(options.ackWithinMs !== undefined ? { ackWithinMs: options.ackWithinMs } : {}),
  };
  if (options.events) registerPlatformEvents(app, { ...options.events, logger: options.logger });
  registerSlashCommands(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmissions(app, deps);
  registerAppHome(app, deps);
  app.error(async (error) => {
    options.logger.error({ err: error.message, code: error.code }, "Slack listener failed");
  });
  return {
    app,
    client,
    handle: (req, res) => receiver.requestListener(req, res),
  };
}

/**
 * Bolt given a `token` runs auth.test once in its constructor, awaits it only at the first request and keeps
 * the result: with Slack down or slow at start, the rejection is unhandled (Node stops) and every later request
 * fails on the cached error. This checks the token at start too, but logs a failure and asks again next time.
 */
function createTokenAuthorize(client: webApi.WebClient, options: SlackBotOptions): Authorize<boolean> {
  const botToken = options.config.botToken;
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
