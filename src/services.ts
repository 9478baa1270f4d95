// Builds everything but the HTTP server: core with its features, the bots, senders, delivery and jobs.
// The server (app.ts) and the CLI (`collab jobs run`) share it, so a job behaves the same from both.
import { randomUUID } from "node:crypto";
import { createSlackBot, type SlackBot, type SlackBotOptions } from "./bots/slack/create-slack-bot.ts";
import { createSlackSender } from "./bots/slack/slack-sender.ts";
import { createTeamsBot, type TeamsBot } from "./bots/teams/create-teams-bot.ts";
import { createTeamsSender } from "./bots/teams/teams-sender.ts";
import type { Config } from "./config.ts";
import { type Core, createCore } from "./core/create-core.ts";
import type { CoreFeature } from "./core/feature.ts";
import type { Platform } from "./core/message.ts";
import type { ChatSender } from "./core/outgoing.ts";
import { type Clock, systemClock } from "./core/ports.ts";
import type { Database } from "./db/client.ts";
import { createIdentityStore } from "./db/identity-store.ts";
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
} from "./jobs/delivery-worker.ts";
import type { Job } from "./jobs/job.ts";
import { createScheduler, type Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  database: Database;
  clock?: Clock;
  slackRetryConfig?: SlackBotOptions["retryConfig"];
  delivery?: Partial<Pick<DeliveryWorkerOptions, "limits" | "idleMs" | "batchSize" | "concurrency">>;
  instanceId?: string;
}

export interface Services {
  core: Core;
  clock: Clock;
  slack: SlackBot | null;
  teams: TeamsBot;
  senders: Partial<Record<Platform, ChatSender>>;
  delivery: DeliveryWorker;
  jobs: readonly Job[];
  scheduler: Scheduler;
}

/** What each capability contributes: chat commands and buttons, and scheduled jobs. */
export interface FeatureDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  senders: Partial<Record<Platform, ChatSender>>;
}

function buildFeatures(_deps: FeatureDeps): CoreFeature[] {
  return [];
}

function buildJobs(_deps: FeatureDeps): Job[] {
  return [];
}

export function createServices(options: ServiceOptions): Services {
  const { config, logger, database } = options;
  const clock = options.clock ?? systemClock;
  const senders: Partial<Record<Platform, ChatSender>> = {};
  const deps: FeatureDeps = { database, clock, logger, senders };
  const core = createCore({
    identities: createIdentityStore(database.db),
    clock,
    log: logger,
    features: buildFeatures(deps),
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
  senders.teams = createTeamsSender(teams.adapter, config.teams.appId);
  if (slack) senders.slack = createSlackSender(slack.app.client);
  const delivery = createDeliveryWorker({
    db: database.db,
    senders,
    logger,
    now: () => clock.now(),
    ...options.delivery,
  });
  const jobs = buildJobs(deps);
  const scheduler = createScheduler({
    db: database.db,
    jobs,
    logger,
    instanceId: options.instanceId ?? randomUUID(),
    now: () => clock.now(),
  });
  return { core, clock, slack, teams, senders, delivery, jobs, scheduler };
}
