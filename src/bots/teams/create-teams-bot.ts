// The Teams door: a botbuilder CloudAdapter that authenticates activities and runs them through the bot.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Activity,
  type ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from "botbuilder";
import type { TeamsConfig } from "../../config.ts";
import type { Core } from "../../core/create-core.ts";
import type { Logger } from "../../logger.ts";
import { createCollabTeamsBot } from "./collab-teams-bot.ts";
import { BadRequestError, readJsonBody, toBotRequest, toBotResponse } from "./node-http-shim.ts";
import type { TeamsInstalls } from "./teams-installs.ts";

export const TEAMS_MESSAGES_PATH = "/api/messages";

export interface TeamsBot {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createTeamsBot(options: {
  config: TeamsConfig;
  core: Core;
  logger: Logger;
  installs: TeamsInstalls;
}): TeamsBot {
  const { config, logger } = options;
  const credentials = {
    MicrosoftAppId: config.appId ?? "",
    MicrosoftAppPassword: config.appPassword ?? "",
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId ?? "",
  };
  // With no app id botbuilder skips authentication both ways: fine on a laptop, refused by config in production.
  const auth = new ConfigurationBotFrameworkAuthentication(
    { MicrosoftAppId: credentials.MicrosoftAppId, MicrosoftAppTenantId: credentials.MicrosoftAppTenantId },
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error.message, activityType: context.activity.type }, "Teams turn failed");
    try {
      await context.sendActivity("Sorry, something went wrong on my side. Please try again in a minute.");
    } catch (sendError) {
      logger.warn({ err: (sendError as Error).message }, "Could not tell the Teams user about the failure");
    }
  };
  const bot = createCollabTeamsBot({ core: options.core, logger, installs: options.installs });

  /**
   * The token is checked here first: CloudAdapter.process answers a bad one with 401 too, but writes the
   * AuthenticationError's stack to stderr with console.error, outside our logger. It checks again (cheaply,
   * the signing keys are cached) for the activity it runs.
   */
  async function authenticated(body: Record<string, unknown>, header: string): Promise<boolean> {
    try {
      await auth.authenticateRequest(body as Partial<Activity> as Activity, header);
      return true;
    } catch (error) {
      // botframework-connector's AuthenticationError carries the HTTP status; anything else is process()'s to answer.
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status !== 401 && status !== 403) return true;
      logger.warn({ err: (error as Error).message }, "Teams activity without a valid token refused (401)");
      return false;
    }
  }

  return {
    adapter,
    bot,
    async handle(req, res) {
      let body: Record<string, unknown>;
      try {
        body = await readJsonBody(req);
      } catch (error) {
        const status = error instanceof BadRequestError ? error.status : 400;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: (error as Error).message }));
        return;
      }
      // botbuilder's schema lets an activity without a type through, then fails on it with a 500.
      if (typeof body.type !== "string" || body.type.trim() === "") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "activity has no type" }));
        return;
      }
      if (config.appId && !(await authenticated(body, req.headers.authorization ?? ""))) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "unauthorized" }));
        return;
      }
      try {
        await adapter.process(toBotRequest(req, body), toBotResponse(res), (context) => bot.run(context));
      } catch (error) {
        // botbuilder validates the activity's shape with zod and throws before answering.
        const malformed = (error as Error).name === "ZodError";
        logger.warn(
          { err: malformed ? "malformed activity" : (error as Error).message },
          "Teams activity rejected",
        );
        if (!res.headersSent) {
          res.writeHead(malformed ? 400 : 500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: malformed ? "malformed activity" : "internal error" }));
        }
      }
    },
  };
}
