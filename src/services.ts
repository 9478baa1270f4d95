// Builds everything but the HTTP server: core with its features, the bots, senders, delivery and jobs.
// The server (app.ts) and the CLI (`collab jobs run`) share it, so a job behaves the same from both.
import { randomUUID } from "node:crypto";
import { createSlackBot, type SlackBot, type SlackBotOptions } from "./bots/slack/create-slack-bot.ts";
import { createSlackSender } from "./bots/slack/slack-sender.ts";
import { createSlackTimezoneLookup } from "./bots/slack/slack-timezones.ts";
import { createTeamsBot, type TeamsBot } from "./bots/teams/create-teams-bot.ts";
import { createTeamsSender } from "./bots/teams/teams-sender.ts";
import { createCheckinFeatures, createCheckinJobs } from "./checkins.ts";
import { createCollaboratorFeatures, createCollaboratorJobs } from "./collaborators.ts";
import type { Config } from "./config.ts";
import { createRolesFeature } from "./core/access/create-roles-feature.ts";
import { type Core, createCore } from "./core/create-core.ts";
import { createDigestFeature } from "./core/digest/create-digest-feature.ts";
import { createDigestService } from "./core/digest/create-digest-service.ts";
import type { CoreFeature } from "./core/feature.ts";
import { createFreeTextGuard } from "./core/free-text.ts";
import { createFollowUpService } from "./core/mentoring/create-followup-service.ts";
import { createMentoringFeature } from "./core/mentoring/create-mentoring-feature.ts";
import type { Platform } from "./core/message.ts";
import { createCelebrationService } from "./core/milestones/create-celebration-service.ts";
import { createMilestoneFeature } from "./core/milestones/create-milestone-feature.ts";
import type { ChatSender } from "./core/outgoing.ts";
import { type Clock, systemClock } from "./core/ports.ts";
import type { TimezoneLookup } from "./core/profile/profile-store.ts";
import { createRetentionService } from "./core/retention/create-retention-service.ts";
import { createAccessStore } from "./db/access-store.ts";
import { createCelebrationStore } from "./db/celebration-store.ts";
import type { Database } from "./db/client.ts";
import { createDigestStore, createScheduledDigestStore } from "./db/digest-store.ts";
import { createIdentityStore } from "./db/identity-store.ts";
import { createMemberEmails } from "./db/member-emails.ts";
import { createFollowUpStore, createMentoringStore } from "./db/mentoring-store.ts";
import { createMilestoneStore } from "./db/milestone-store.ts";
import { createPeopleDirectory } from "./db/people-directory.ts";
import { createRetentionStore } from "./db/retention-store.ts";
import { createRoleStore } from "./db/role-store.ts";
import { createAuditTrail, createSlackEventLedger } from "./db/slack-event-ledger.ts";
import { createCelebrationsJob } from "./jobs/celebrations.ts";
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
} from "./jobs/delivery-worker.ts";
import { createDigestsJob } from "./jobs/digests.ts";
import type { Job } from "./jobs/job.ts";
import { createMentorFollowupsJob } from "./jobs/mentor-followups.ts";
import { createRetentionJob } from "./jobs/retention.ts";
import { createScheduler, type Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";

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
  delivery?: Partial<Pick<DeliveryWorkerOptions, "limits" | "idleMs" | "batchSize" | "concurrency">>;
  instanceId?: string;
  /**
   * The terminal chat's sender (src/bots/console): only the process holding a person's open chat can show
   * console messages, so elsewhere none is registered and console rows wait in the outbox for that chat.
   */
  consoleSender?: ChatSender;
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
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  senders: Partial<Record<Platform, ChatSender>>;
  /** Platforms that can tell a person's time zone on request (filled in once the bots exist). */
  timezones: Partial<Record<Platform, TimezoneLookup>>;
}

function buildFeatures(deps: FeatureDeps): CoreFeature[] {
  // One patient-data guard for every feature that stores free text; it lets members' email addresses through.
  const freeText = createFreeTextGuard(createMemberEmails(deps.database.db));
  return [
    ...createCollaboratorFeatures({
      db: deps.database.db,
      log: deps.logger,
      timezones: deps.timezones,
      freeText,
    }).features,
    createMilestoneFeature({ milestones: createMilestoneStore(deps.database.db), freeText }),
    createMentoringFeature({ mentoring: createMentoringStore(deps.database.db), freeText }),
    createDigestFeature({ digests: createDigestStore(deps.database.db) }),
    createRolesFeature({ roles: createRoleStore(deps.database.db) }),
    ...createCheckinFeatures({ db: deps.database.db, freeText }),
  ];
}

function buildJobs(deps: FeatureDeps): Job[] {
  return [
    ...createCollaboratorJobs({ db: deps.database.db }),
    createCelebrationsJob({
      celebrations: createCelebrationService({
        store: createCelebrationStore(deps.database.db),
        directory: createPeopleDirectory(deps.database.db),
      }),
    }),
    createMentorFollowupsJob({
      followUps: createFollowUpService({
        store: createFollowUpStore(deps.database.db),
        directory: createPeopleDirectory(deps.database.db),
      }),
    }),
    createDigestsJob({
      digests: createDigestService({ store: createScheduledDigestStore(deps.database.db), log: deps.logger }),
    }),
    createRetentionJob({
      retention: createRetentionService({
        store: createRetentionStore(deps.database.db),
        retentionDays: deps.config.retentionDays,
      }),
    }),
    ...createCheckinJobs({ db: deps.database.db }),
  ];
}

export function createServices(options: ServiceOptions): Services {
  const { config, logger, database } = options;
  const clock = options.clock ?? systemClock;
  const senders: Partial<Record<Platform, ChatSender>> = {};
  const timezones: Partial<Record<Platform, TimezoneLookup>> = {};
  const deps: FeatureDeps = { config, database, clock, logger, senders, timezones };
  const core = createCore({
    identities: createIdentityStore(database.db),
    access: createAccessStore(database.db),
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
        ...(options.slackAckWithinMs !== undefined ? { ackWithinMs: options.slackAckWithinMs } : {}),
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        events: { ledger: createSlackEventLedger(database.db), audit: createAuditTrail(database.db) },
      })
    : null;
  const teams = createTeamsBot({ config: config.teams, core, logger });
  senders.teams = createTeamsSender(teams.adapter, config.teams.appId, {
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  if (slack) senders.slack = createSlackSender(slack.client);
  if (slack) timezones.slack = createSlackTimezoneLookup(slack.client);
  if (options.consoleSender) senders.console = options.consoleSender;
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
