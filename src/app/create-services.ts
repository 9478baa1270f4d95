// Builds everything but the HTTP server: the capabilities (features and jobs), the core, the bots, senders, delivery
// and the scheduler. The server (create-app.ts) and the CLI (`collab jobs run`, `collab chat`) share it.
import { randomUUID } from "node:crypto";
import type { SlackBot, SlackBotOptions } from "../bots/slack/create-slack-bot.ts";
import type { TeamsBot } from "../bots/teams/create-teams-bot.ts";
import type { Config } from "../config.ts";
import { type Core, createCore } from "../core/create-core.ts";
import type { Platform } from "../core/message.ts";
import type { ChatSender } from "../core/outgoing.ts";
import { type Clock, systemClock } from "../core/ports.ts";
import { createAccessStore } from "../db/access-store.ts";
import { createPressLedger } from "../db/button-press-store.ts";
import type { Database } from "../db/client.ts";
import { createIdentityStore } from "../db/identity-store.ts";
import { createSecretBox } from "../db/secret-box.ts";
import { createAuditTrail, createSlackEventLedger } from "../db/slack-event-ledger.ts";
import { createSlackInstallationStore } from "../db/slack-installation-store.ts";
import { createTeamsInstallStore } from "../db/teams-install-store.ts";
import { createWorkspaceStatus } from "../db/workspace-status-store.ts";
import {
  createDeliveryWorker,
  type DeliveryObserver,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
} from "../delivery/delivery-worker.ts";
import type { Job } from "../jobs/job.ts";
import { createScheduler, type JobObserver, type Scheduler } from "../jobs/scheduler.ts";
import type { Logger } from "../logger.ts";
import { createCapabilityDeps } from "./capabilities/capability.ts";
import { createCheckins } from "./capabilities/checkins.ts";
import { createCollaborators } from "./capabilities/collaborators.ts";
import { createDigests } from "./capabilities/digests.ts";
import { createHome } from "./capabilities/home.ts";
import { createMentoring } from "./capabilities/mentoring.ts";
import { createMilestones } from "./capabilities/milestones.ts";
import { createRetention } from "./capabilities/retention.ts";
import { createRoles } from "./capabilities/roles.ts";

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  database: Database;
  clock?: Clock;
  slackRetryConfig?: SlackBotOptions["retryConfig"];
  /** How long a slash command waits for the core before acking empty (default 2 s); tests shorten it. */
  slackAckWithinMs?: number;
  /** How long one request to Slack's Web API or the Bot Connector may take (default 10 s); tests shorten it. */
  requestTimeoutMs?: number;
  delivery?: Partial<
    Pick<DeliveryWorkerOptions, "limits" | "idleMs" | "batchSize" | "concurrency" | "retryBaseMs">
  >;
  instanceId?: string;
  /**
   * The terminal chat's sender (src/bots/console): only the process holding a person's open chat can show
   * console messages, so elsewhere none is registered and console rows wait in the outbox for that chat.
   */
  consoleSender?: ChatSender;
  /** Told of deliveries and job runs: the server's /metrics (src/app/metrics.ts). */
  observers?: { delivery?: DeliveryObserver; jobs?: JobObserver };
}

export interface Services {
  core: Core;
  clock: Clock;
  slack: SlackBot | null;
  teams: TeamsBot | null;
  senders: Partial<Record<Platform, ChatSender>>;
  delivery: DeliveryWorker;
  jobs: readonly Job[];
  scheduler: Scheduler;
}

/**
 * Builds the core and the doors that the settings turn on. The Slack and Teams SDKs are imported only when their
 * platform is on: together they are ~80 MB of a process' memory that `collab chat` and a one-platform bot never use.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { config, logger, database } = options;
  const clock = options.clock ?? systemClock;
  const senders: Partial<Record<Platform, ChatSender>> = {};
  const deps = createCapabilityDeps({ config, db: database.db, logger });
  // One line each; their order is the order of commands in help and of jobs in the scheduler.
  const capabilities = [
    createCollaborators(deps),
    createMilestones(deps),
    createMentoring(deps),
    createDigests(deps),
    createRoles(deps),
    createRetention(deps),
    createCheckins(deps),
    createHome(deps, () => core.commands()),
  ];
  const core = createCore({
    identities: createIdentityStore(database.db),
    access: createAccessStore(database.db),
    presses: createPressLedger(database.db),
    clock,
    log: logger,
    features: capabilities.flatMap((capability) => capability.features),
  });
  const slack = config.slack
    ? (await import("../bots/slack/create-slack-bot.ts")).createSlackBot({
        config: config.slack,
        core,
        logger,
        ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
        ...(options.slackAckWithinMs !== undefined ? { ackWithinMs: options.slackAckWithinMs } : {}),
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        events: {
          ledger: createSlackEventLedger(database.db),
          audit: createAuditTrail(database.db),
          workspaces: createWorkspaceStatus(database.db),
        },
        ...(config.slack.oauth
          ? {
              installations: createSlackInstallationStore(
                database.db,
                createSecretBox(config.slack.oauth.encryptionKey),
              ),
            }
          : {}),
      })
    : null;
  const teams = config.teams
    ? (await import("../bots/teams/create-teams-bot.ts")).createTeamsBot({
        config: config.teams,
        core,
        logger,
        installs: createTeamsInstallStore(database.db, {
          ...(config.teams.appTenantId ? { configuredTenantId: config.teams.appTenantId } : {}),
        }),
      })
    : null;
  if (teams && config.teams) {
    const { createTeamsSender } = await import("../bots/teams/teams-sender.ts");
    senders.teams = createTeamsSender(teams.adapter, config.teams.appId, {
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
  }
  if (slack) {
    const { createSlackSender } = await import("../bots/slack/slack-sender.ts");
    const { createSlackTimezoneLookup } = await import("../bots/slack/slack-timezones.ts");
    senders.slack = createSlackSender(slack.client, slack.tokenFor);
    deps.timezones.slack = createSlackTimezoneLookup(slack.client, slack.tokenFor);
    const { createSlackStatusAway } = await import("../bots/slack/slack-status-away.ts");
    deps.statusAway.slack = createSlackStatusAway(slack.client, logger, slack.tokenFor, () => clock.now());
  }
  if (options.consoleSender) senders.console = options.consoleSender;
  const delivery = createDeliveryWorker({
    db: database.db,
    senders,
    logger,
    now: () => clock.now(),
    ...options.delivery,
    ...(options.observers?.delivery ? { observer: options.observers.delivery } : {}),
  });
  const jobs = capabilities.flatMap((capability) => capability.jobs);
  const scheduler = createScheduler({
    db: database.db,
    jobs,
    logger,
    instanceId: options.instanceId ?? randomUUID(),
    now: () => clock.now(),
    ...(options.observers?.jobs ? { observer: options.observers.jobs } : {}),
  });
  return { core, clock, slack, teams, senders, delivery, jobs, scheduler };
}
