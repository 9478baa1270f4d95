// Starts the bot: config → database (migrated) → core → bots → HTTP server; stops gracefully on SIGTERM.

import { type Config, ConfigError, loadConfig, readEnvFile, secretsOf } from "../config.ts";
import { DataDirBusyError, openDatabase } from "../db/client.ts";
import { describeConnectionError } from "../db/connection-errors.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createLogger, type Logger } from "../logger.ts";
import { createApp } from "./create-app.ts";

function logPlatforms(config: Config, logger: Logger): void {
  if (config.slack?.appToken)
    logger.info("Slack is on in Socket Mode (SLACK_APP_TOKEN): no public URL needed");
  else if (config.slack?.oauth)
    logger.info(
      "Slack is on for every workspace that installs it: POST /slack/events, install at GET /slack/install",
    );
  else if (config.slack) logger.info("Slack is on: POST /slack/events");
  else
    logger.info(
      "Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on (see README, 'Connect a Slack app')",
    );
  if (!config.teams)
    logger.info(
      "Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on (see README, 'Connect a Teams bot'), or TEAMS_ENABLED=true",
    );
  else if (config.teams.appId) logger.info("Teams is on: POST /api/messages");
  else
    logger.warn(
      "Teams is on without authentication (local use only): set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to connect a real Teams bot (see README, 'Connect a Teams bot')",
    );
}

/** One line for a database that cannot be opened or migrated: the cause, and for PostgreSQL the variable to fix. */
function startupDatabaseError(error: unknown, databaseUrl: string | undefined): string {
  if (error instanceof DataDirBusyError) return error.message;
  const described = databaseUrl ? describeConnectionError(error, databaseUrl) : null;
  if (described) return described;
  let cause = error;
  while (cause instanceof Error && cause.message.startsWith("Failed query") && cause.cause instanceof Error) {
    cause = cause.cause;
  }
  const message = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
  return `the database could not be prepared: ${message}`;
}

/** How long SIGTERM or SIGINT waits for in-flight work before the process exits anyway. */
const STOP_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  let envFile: string | null;
  try {
    const environment = readEnvFile();
    envFile = environment.file;
    config = loadConfig(environment.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  logger.info(
    envFile
      ? `Settings: the environment, then ${envFile} for what the environment does not set`
      : "Settings: the environment (no .env file here; set ENV_FILE to read one elsewhere)",
  );
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = config.databaseUrl
      ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
      : await openDatabase({ kind: "pglite", dataDir: config.dataDir, logger });
    await migrateDatabase(database, config.databaseUrl);
  } catch (error) {
    logger.fatal(`Cannot start: ${startupDatabaseError(error, config.databaseUrl)}`);
    logger.flush();
    process.exit(1);
  }
  logger.info(
    { database: database.kind, ...(database.kind === "pglite" ? { dataDir: config.dataDir } : {}) },
    "Database ready",
  );

  const app = await createApp({ config, logger, database });
  const port = await app.listen();
  app.startBackground();
  logger.info({ port }, `Listening on http://localhost:${port} (GET /healthz)`);
  logPlatforms(config, logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: stop now.
      process.exit(1);
    }
    stopping = true;
    // Whatever holds us up (a request that never ends, a stdout nobody reads), the process is gone after the grace.
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
    logger.info({ signal }, "Stopping: finishing in-flight requests");
    await app.stop();
    await database.close();
    logger.info("Stopped");
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

await main();
