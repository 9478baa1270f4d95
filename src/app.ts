// Wires the service together: database → core → bots → HTTP server; used by main.ts and by the tests.
import type { AddressInfo } from "node:net";
import { createSlackBot, type SlackBot, type SlackBotOptions } from "./bots/slack/create-slack-bot.ts";
import { createSlackSender } from "./bots/slack/slack-sender.ts";
import { createTeamsBot, type TeamsBot } from "./bots/teams/create-teams-bot.ts";
import { createTeamsSender } from "./bots/teams/teams-sender.ts";
import type { Config } from "./config.ts";
import { createCore } from "./core/create-core.ts";
import type { Platform } from "./core/message.ts";
import type { ChatSender } from "./core/outgoing.ts";
import { type Clock, systemClock } from "./core/ports.ts";
import type { Database } from "./db/client.ts";
import { createIdentityStore } from "./db/identity-store.ts";
import { createHttpServer } from "./http-server.ts";
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
} from "./jobs/delivery-worker.ts";
import type { Logger } from "./logger.ts";

export interface AppOptions {
  config: Config;
  logger: Logger;
  database: Database;
  clock?: Clock;
  slackRetryConfig?: SlackBotOptions["retryConfig"];
  delivery?: Partial<Pick<DeliveryWorkerOptions, "limits" | "idleMs" | "batchSize" | "concurrency">>;
}

export interface RunningApp {
  slack: SlackBot | null;
  teams: TeamsBot;
  delivery: DeliveryWorker;
  /** Starts the background work: outbox delivery (and, later, scheduled jobs). */
  startBackground(): void;
  /** Starts listening; resolves with the port (useful with PORT=0). */
  listen(port?: number): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish; the caller closes the database. */
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

export function createApp(options: AppOptions): RunningApp {
  const { config, logger, database } = options;
  const core = createCore({
    identities: createIdentityStore(database.db),
    clock: options.clock ?? systemClock,
    log: logger,
  });
  const slack = config.slack
    ? createSlackBot({
        config: config.slack,
        core,
        logger,
        ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
      })
    : null;
  const teams = createTeamsBot({ config: config.teams, core, logger });
  const senders: Partial<Record<Platform, ChatSender>> = {
    teams: createTeamsSender(teams.adapter, config.teams.appId),
    ...(slack ? { slack: createSlackSender(slack.app.client) } : {}),
  };
  const clock = options.clock ?? systemClock;
  const delivery = createDeliveryWorker({
    db: database.db,
    senders,
    logger,
    now: () => clock.now(),
    ...options.delivery,
  });
  const platforms = {
    slack: slack ? "on" : "off",
    teams: config.teams.appId ? "on" : "on (unauthenticated, local use only)",
  };

  const server = createHttpServer(
    {
      ...(slack ? { slack: slack.handle } : {}),
      teams: teams.handle,
      health: async () => {
        try {
          await withTimeout(database.ping(), HEALTH_TIMEOUT_MS);
          return { ok: true, body: { status: "ok", database: database.kind, platforms } };
        } catch {
          return { ok: false, body: { status: "unavailable", database: database.kind, platforms } };
        }
      },
    },
    logger,
  );

  return {
    slack,
    teams,
    delivery,
    startBackground: () => delivery.start(),
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
      await delivery.stop();
      await closed;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
