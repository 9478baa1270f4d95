// The one HTTP port: Slack events, Teams activities and the health check, with a graceful close.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpRoutes {
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** With Slack OAuth: GET /slack/install (the "Add to Slack" page) and GET /slack/oauth_redirect. */
  slackOAuth?: { install: Handler; redirect: Handler };
  teams: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  health: () => Promise<{ ok: boolean; body: Record<string, unknown> }>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function createHttpServer(routes: HttpRoutes, logger: Logger): Server {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = `${req.method ?? "GET"} ${path}`;
    const fail = (error: unknown) => {
      logger.error({ err: (error as Error).message, route }, "Request failed");
      if (!res.headersSent) json(res, 500, { error: "internal error" });
      else res.end();
    };
    try {
      if (route === "GET /healthz") {
        routes
          .health()
          .then(({ ok, body }) => json(res, ok ? 200 : 503, body))
          .catch(fail);
      } else if (route === "POST /slack/events") {
        if (routes.slack) routes.slack(req, res);
        else
          json(res, 404, { error: "Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN." });
      } else if (route === "GET /slack/install" || route === "GET /slack/oauth_redirect") {
        if (!routes.slackOAuth)
          json(res, 404, {
            error: "Slack OAuth is not configured: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (see README).",
          });
        else if (path === "/slack/install") routes.slackOAuth.install(req, res).catch(fail);
        else routes.slackOAuth.redirect(req, res).catch(fail);
      } else if (route === "POST /api/messages") {
        routes.teams(req, res).catch(fail);
      } else {
        json(res, 404, { error: "not found" });
      }
    } catch (error) {
      fail(error);
    }
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
