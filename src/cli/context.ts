// What every CLI command gets: settings, a logger on stderr, output writers and a way to use the database.
import type { Readable, Writable } from "node:stream";
import { type Config, loadConfig, secretsOf } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createLogger, type Logger } from "../logger.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** The streams `collab chat` talks through: the process' stdin and stdout, or a test's. */
  terminal?: { input: Readable; output: Writable };
}

/** Seams for tests: a database to use instead of the configured one, and what to do with it afterwards. */
export interface CliOptions {
  openDatabase?: (config: Config) => Promise<Database>;
  /** Defaults to `database.close()`; a test passes a no-op to keep using its database. */
  closeDatabase?: (database: Database) => Promise<void>;
  logger?: Logger;
}

export interface CliContext {
  /**
   * Loaded on first use, so `--help` works whatever the environment; throws ConfigError. Without the Slack and
   * Teams settings (slack and teams are null): most commands never talk to a platform.
   */
  readonly config: Config;
  /** The settings with Slack and Teams checked, for the commands that deliver messages (`jobs run`). */
  readonly platformConfig: Config;
  /** JSON lines on stderr, at LOG_LEVEL. */
  readonly logger: Logger;
  /** Writes a line (a newline is added) to stdout / stderr. */
  out(line: string): void;
  err(line: string): void;
  io: CliIo;
  /** Opens the database, applies migrations (unless `migrate: false`), runs fn, and always closes it. */
  withDatabase<T>(fn: (database: Database) => Promise<T>, options?: { migrate?: boolean }): Promise<T>;
}

export function defaultOpenDatabase(config: Config, logger?: Logger): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: "postgres", url: config.databaseUrl, maxConnections: 2 })
    : openDatabase({ kind: "pglite", dataDir: config.dataDir, logger });
}

export function createCliContext(io: CliIo, options: CliOptions = {}): CliContext {
  let config: Config | undefined;
  let platformConfig: Config | undefined;
  let logger: Logger | undefined = options.logger;
  const context: CliContext = {
    get config() {
      config ??= platformConfig ?? loadConfig(io.env, { platforms: false });
      return config;
    },
    get platformConfig() {
      platformConfig ??= loadConfig(io.env);
      return platformConfig;
    },
    get logger() {
      logger ??= createLogger({
        level: context.config.logLevel,
        destination: 2,
        secrets: secretsOf(platformConfig ?? context.config),
      });
      return logger;
    },
    out: (line) => io.stdout(`${line}\n`),
    err: (line) => io.stderr(`${line}\n`),
    io,
    async withDatabase(fn, { migrate = true } = {}) {
      const settings = context.config;
      const database = await (
        options.openDatabase ?? ((c: Config) => defaultOpenDatabase(c, context.logger))
      )(settings);
      try {
        if (migrate) await migrateDatabase(database, settings.databaseUrl);
        return await fn(database);
      } finally {
        await (options.closeDatabase ?? ((d: Database) => d.close()))(database);
      }
    },
  };
  return context;
}
