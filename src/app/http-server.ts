// The one HTTP port: Slack events, Teams activities, health, readiness and metrics, with a graceful close.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";
import { type AppMetrics, doorOf } from "./metrics.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpRoutes {
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** With Slack OAuth: GET /slack/install (the "Add to Slack" page) and GET /slack/oauth_redirect. */
  slackOAuth?: { install: Handler; redirect: Handler };
  /** Absent when Teams is off: POST /api/messages answers 404. */
  teams?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  health: () => Promise<{ ok: boolean; body: Record<string, unknown> }>;
  ready?: () => Promise<{ ok: boolean; body: Record<string, unknown> }>;
  /** Counts every request; serves GET /metrics when `metricsToken` is set. */
  metrics?: AppMetrics;
  metricsToken?: string;
}

/** Whether the request carries `Authorization: Bearer <token>`; compared in constant time. */
function hasBearer(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return given.length > 0 && timingSafeEqual(digest(given), digest(token));
}

function serveMetrics(routes: HttpRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!routes.metrics || !routes.metricsToken) {
    json(res, 404, { error: "metrics are off: set METRICS_TOKEN to turn GET /metrics on" });
    return Promise.resolve();
  }
  if (!hasBearer(req, routes.metricsToken)) {
    res.setHeader("www-authenticate", 'Bearer realm="metrics"');
    json(res, 401, { error: "send Authorization: Bearer <METRICS_TOKEN>" });
    return Promise.resolve();
  }
  return routes.metrics.render().then(({ contentType, text }) => {
    res.writeHead(200, { "content-type": contentType });
    res.end(text);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function createHttpServer(routes: HttpRoutes, logger: Logger): Server {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = `${req.method ?? "GET"} ${path}`;
    if (routes.metrics) {
      const metrics = routes.metrics;
      const started = performance.now();
      res.once("finish", () =>
        metrics.request(doorOf(path), res.statusCode, (performance.now() - started) / 1000),
      );
    }
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
      } else if (route === "GET /readyz" && routes.ready) {
        routes
          .ready()
          .then(({ ok, body }) => json(res, ok ? 200 : 503, body))
          .catch(fail);
      } else if (route === "GET /metrics") {
        serveMetrics(routes, req, res).catch(fail);
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
        if (routes.teams) routes.teams(req, res).catch(fail);
        else
          json(res, 404, {
            error:
              "Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or TEAMS_ENABLED=true (see README).",
          });
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
