// The only reader of process.env: validates every setting at start and fails with one line that says how to fix it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  /** Without an app id the bot accepts unauthenticated activities: local use only. */
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
}

export interface MetricsConfig {
  /** Bearer token GET /metrics requires; without it /metrics answers 404. */
  token?: string;
}

export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  nodeEnv: string;
  /** Check-in notes and mentor meeting notes older than this many days are cleared by the retention job. */
  retentionDays: number;
  slack: SlackConfig | null;
  teams: TeamsConfig;
  metrics: MetricsConfig;
}

export type Env = Record<string, string | undefined>;

const hints: Record<string, string> = {
  SLACK_SIGNING_SECRET: "copy it from your Slack app's Basic Information page, under App Credentials",
  SLACK_BOT_TOKEN:
    "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page after installing it",
  MICROSOFT_APP_ID: "copy the Microsoft App ID from your Azure Bot resource's Configuration page",
  MICROSOFT_APP_PASSWORD: "create a client secret under the app registration's Certificates & secrets",
  MICROSOFT_APP_TENANT_ID: "copy the Directory (tenant) ID from the app registration's Overview page",
};

function fail(variable: string, problem: string, fix?: string): never {
  throw new ConfigError(`${variable} ${problem}${fix ? `: ${fix}` : ""}.`);
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A secret may come from NAME or from a file named by NAME_FILE (Docker and Kubernetes secrets). */
function secret(env: Env, name: string): string | undefined {
  const direct = nonEmpty(env, name);
  const file = nonEmpty(env, `${name}_FILE`);
  if (direct && file) fail(name, `and ${name}_FILE are both set`, "keep only one of them");
  if (!file) return direct;
  try {
    const value = readFileSync(file, "utf8").trim();
    if (!value) fail(`${name}_FILE`, `points at an empty file (${file})`, `put the value of ${name} in it`);
    return value;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return fail(`${name}_FILE`, `cannot be read (${file})`, "check the path and the file's permissions");
  }
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const appTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"] as const;

export function loadConfig(env: Env = process.env): Config {
  const portText = nonEmpty(env, "PORT") ?? "3000";
  const port = z.coerce.number().int().min(0).max(65535).safeParse(portText);
  if (!port.success || !/^\d+$/.test(portText))
    fail("PORT", `is "${portText}"`, "set it to a port number such as 3000");

  const databaseUrl = nonEmpty(env, "DATABASE_URL");
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    fail(
      "DATABASE_URL",
      "is not a PostgreSQL URL",
      "use postgres://user:password@host:5432/database, or unset it",
    );
  }

  const logLevel = (nonEmpty(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    fail("LOG_LEVEL", `is "${logLevel}"`, `use one of ${logLevels.join(", ")}`);
  }
  const nodeEnv = nonEmpty(env, "NODE_ENV") ?? "development";

  const retentionText = nonEmpty(env, "RETENTION_DAYS") ?? "365";
  const retentionDays = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || retentionDays < 1 || retentionDays > 36_500) {
    fail(
      "RETENTION_DAYS",
      `is "${retentionText}"`,
      "set it to a whole number of days from 1 to 36500 (default 365), after which check-in and meeting notes are cleared",
    );
  }

  const signingSecret = secret(env, "SLACK_SIGNING_SECRET");
  const botToken = secret(env, "SLACK_BOT_TOKEN");
  if (Boolean(signingSecret) !== Boolean(botToken)) {
    const missing = signingSecret ? "SLACK_BOT_TOKEN" : "SLACK_SIGNING_SECRET";
    fail(missing, "is missing while the other Slack setting is set", hints[missing]);
  }
  if (botToken && !botToken.startsWith("xoxb-")) {
    fail("SLACK_BOT_TOKEN", "is not a bot token (it should start with xoxb-)", hints.SLACK_BOT_TOKEN);
  }
  const apiUrl = nonEmpty(env, "SLACK_API_URL");
  if (apiUrl && !z.url().safeParse(apiUrl).success) {
    fail("SLACK_API_URL", `is not a URL ("${apiUrl}")`, "use https://slack.com/api/ or unset it");
  }

  const appId = nonEmpty(env, "MICROSOFT_APP_ID");
  const appPassword = secret(env, "MICROSOFT_APP_PASSWORD");
  const appTenantId = nonEmpty(env, "MICROSOFT_APP_TENANT_ID");
  const appTypeText = nonEmpty(env, "MICROSOFT_APP_TYPE") ?? "MultiTenant";
  const appType = appTypes.find((t) => t.toLowerCase() === appTypeText.toLowerCase());
  if (!appType) fail("MICROSOFT_APP_TYPE", `is "${appTypeText}"`, `use one of ${appTypes.join(", ")}`);
  if (appId && !appPassword && appType !== "UserAssignedMSI") {
    fail("MICROSOFT_APP_PASSWORD", "is missing while MICROSOFT_APP_ID is set", hints.MICROSOFT_APP_PASSWORD);
  }
  if (appType === "SingleTenant" && appId && !appTenantId) {
    fail("MICROSOFT_APP_TENANT_ID", "is required for a SingleTenant bot", hints.MICROSOFT_APP_TENANT_ID);
  }
  if (!appId && nodeEnv === "production") {
    fail(
      "MICROSOFT_APP_ID",
      "is missing and NODE_ENV is production, so the Teams endpoint would accept unauthenticated requests",
      hints.MICROSOFT_APP_ID,
    );
  }

  return {
    port: port.data,
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: resolve(nonEmpty(env, "DATA_DIR") ?? ".data"),
    logLevel: logLevel as Config["logLevel"],
    nodeEnv,
    retentionDays,
    slack: signingSecret && botToken ? { signingSecret, botToken, ...(apiUrl ? { apiUrl } : {}) } : null,
    teams: {
      ...(appId ? { appId } : {}),
      ...(appPassword ? { appPassword } : {}),
      ...(appTenantId ? { appTenantId } : {}),
      appType,
    },
    metrics: metricsConfig(env),
  };
}

// --- Metrics (GET /metrics) ---------------------------------------------------------------------------------
const METRICS_TOKEN_MIN = 16;

function metricsConfig(env: Env): MetricsConfig {
  const token = secret(env, "METRICS_TOKEN");
  if (token && token.length < METRICS_TOKEN_MIN) {
    fail(
      "METRICS_TOKEN",
      `is shorter than ${METRICS_TOKEN_MIN} characters`,
      "use a long random value, e.g. the output of `openssl rand -hex 32`, or unset it to turn /metrics off",
    );
  }
  return token ? { token } : {};
}

/** The configured secrets, for the logger to keep out of every line. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.teams.appPassword,
    config.metrics.token,
  ].filter((s): s is string => typeof s === "string" && s.length > 0);
}
