// The Slack door: a Bolt app behind an HTTPReceiver whose request listener the shared HTTP server calls.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type AppOptions, HTTPReceiver } from "@slack/bolt";
import type { SlackConfig } from "../../config.ts";
import type { Core } from "../../core/create-core.ts";
import type { AuditTrail, EventLedger } from "../../core/platform-events.ts";
import type { Logger } from "../../logger.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import { register as registerBlockActions } from "./listeners/block-actions.ts";
import { register as registerPlatformEvents } from "./listeners/platform-events.ts";
import { register as registerSlashCommands } from "./listeners/slash-commands.ts";
import { register as registerViewSubmissions } from "./listeners/view-submissions.ts";

type RetryOptions = NonNullable<NonNullable<AppOptions["clientOptions"]>["retryConfig"]>;

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackBot {
  app: App;
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
  /** Events API: a retried delivery is processed once, and uninstalls and revoked tokens are audited. */
  events?: { ledger: EventLedger; audit: AuditTrail };
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
  });
  const app = new App({
    token: options.config.botToken,
    receiver,
    logger,
    clientOptions: {
      ...(options.config.apiUrl ? { slackApiUrl: ensureTrailingSlash(options.config.apiUrl) } : {}),
      retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
      // A 429 comes back to the caller (the outbox), which paces and retries with Retry-After.
      rejectRateLimitedCalls: true,
      timeout: options.requestTimeoutMs ?? 10_000,
    },
  });
  const deps = { core: options.core, logger: options.logger };
  if (options.events) registerPlatformEvents(app, { ...options.events, logger: options.logger });
  registerSlashCommands(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmissions(app, deps);
  app.error(async (error) => {
    options.logger.error({ err: error.message, code: error.code }, "Slack listener failed");
  });
  return {
    app,
    handle: (req, res) => receiver.requestListener(req, res),
  };
}

function ensureTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
