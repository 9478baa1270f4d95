// The running service: the shared services behind one HTTP server; used by main.ts and by the tests.
import type { AddressInfo } from "node:net";
import { createServices, type ServiceOptions, type Services } from "./create-services.ts";
import { createHttpServer } from "./http-server.ts";
import { createMetrics } from "./metrics.ts";
import { createReadiness, withTimeout } from "./readiness.ts";

export type AppOptions = ServiceOptions & {
  /** How long the delivery loop may stand still before /readyz says not ready (default 60 s); tests shorten it. */
  deliveryStaleMs?: number;
};

export interface RunningApp extends Services {
  /** Starts the background work: outbox delivery and the scheduled jobs. */
  startBackground(): void;
  /** Starts listening; resolves with the port (useful with PORT=0). */
  listen(port?: number): Promise<number>;
  /** Stops taking requests, lets in-flight ones and running jobs finish; the caller closes the database. */
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

export async function createApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger, database } = options;
  const metrics = createMetrics({ db: database.db, logger });
  const services = await createServices({
    ...options,
    observers: { delivery: metrics.delivery, jobs: metrics.jobs },
  });
  const platforms = {
    slack: services.slack ? "on" : "off",
    teams: !config.teams ? "off" : config.teams.appId ? "on" : "on (unauthenticated, local use only)",
  };

  const server = createHttpServer(
    {
      ...(services.slack?.handle ? { slack: services.slack.handle } : {}),
      ...(services.slack?.oauth
        ? {
            slackOAuth: {
              install: services.slack.oauth.handleInstall,
              redirect: services.slack.oauth.handleRedirect,
            },
          }
        : {}),
      ...(services.teams ? { teams: services.teams.handle } : {}),
      health: async () => {
        try {
          await withTimeout(database.ping(), HEALTH_TIMEOUT_MS);
          return { ok: true, body: { status: "ok", database: database.kind, platforms } };
        } catch {
          return { ok: false, body: { status: "unavailable", database: database.kind, platforms } };
        }
      },
      ready: createReadiness({
        database,
        delivery: services.delivery,
        ...(options.deliveryStaleMs !== undefined ? { deliveryStaleMs: options.deliveryStaleMs } : {}),
        timeoutMs: HEALTH_TIMEOUT_MS,
      }),
      metrics,
      ...(config.metrics.token ? { metricsToken: config.metrics.token } : {}),
    },
    logger,
  );

  return {
    ...services,
    startBackground() {
      services.delivery.start();
      services.scheduler.start();
      // Socket Mode: the app dials out to Slack; a failure is logged and Bolt's client keeps reconnecting.
      services.slack?.start().catch((error: Error) => {
        logger.error({ err: error.message }, "Slack Socket Mode did not connect: check SLACK_APP_TOKEN");
      });
    },
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, () => resolve((server.address() as AddressInfo).port));
      }),
    stop: async () => {
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await services.scheduler.stop();
      await services.delivery.stop();
      await services.slack?.stop();
      await closed;
    },
  };
}
