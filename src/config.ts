// The only reader of process.env: validates every setting at start and fails with one line that says how to fix it.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { z } from "zod";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface SlackConfig {
  /** Checks that HTTP requests come from Slack; not needed in Socket Mode (which has no HTTP requests). */
  signingSecret?: string;
  /** One workspace, one token (SLACK_BOT_TOKEN); absent with OAuth, where each installation has its own. */
  botToken?: string;
  apiUrl?: string;
  /** Socket Mode (SLACK_APP_TOKEN, xapp-…): Slack connects out over a WebSocket, no public URL needed. */
  appToken?: string;
  /** Many workspaces through Slack's OAuth install (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set). */
  oauth?: SlackOAuthConfig;
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter (SLACK_STATE_SECRET). */
  stateSecret: string;
  /** 32 bytes (COLLAB_ENCRYPTION_KEY): seals each workspace's bot and refresh tokens in the database. */
  encryptionKey: Buffer;
  /**
   * The public address of /slack/oauth_redirect (SLACK_REDIRECT_URI), sent to Slack with the install link and the
   * code exchange. Needed behind a proxy that rewrites paths, or when the app lists several Redirect URLs.
   */
  redirectUri?: string;
  /**
   * Bot scopes the install link asks for besides the required ones, which the installer may decline
   * (SLACK_OPTIONAL_SCOPES; default users.profile:read, for Slack statuses as days away). Each must also be marked
   * optional (bot_optional) in the Slack app's settings, as in manifests/slack-app-manifest.yaml.
   */
  optionalScopes: string[];
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

/** Where `collab sync publications` reads: NCBI E-utilities (PubMed) and the ORCID public API. */
export interface PublicationsConfig {
  eutilsUrl: string;
  orcidApiUrl: string;
  /** NCBI_API_KEY: lifts E-utilities from 3 to 10 requests a second. */
  ncbiApiKey?: string;
}

export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  nodeEnv: string;
  /** Check-in notes and mentor meeting notes older than this many days are cleared by the retention job. */
  retentionDays: number;
  /** Null when Slack is off (SLACK_ENABLED=false, no Slack credentials, or loaded without platforms). */
  slack: SlackConfig | null;
  /** Null when Teams is off (TEAMS_ENABLED=false, the production default without MICROSOFT_APP_ID, or loaded without platforms). */
  teams: TeamsConfig | null;
  metrics: MetricsConfig;
  publications: PublicationsConfig;
}

export interface LoadOptions {
  /**
   * false: leave the Slack and Teams settings unread (slack and teams are null), for the CLI commands that never
   * talk to a platform (import, export, role, migrate…), so they run whatever those settings say.
   */
  platforms?: boolean;
}

export type Env = Record<string, string | undefined>;

const hints: Record<string, string> = {
  SLACK_SIGNING_SECRET: "copy it from your Slack app's Basic Information page, under App Credentials",
  SLACK_BOT_TOKEN:
    "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page after installing it",
  SLACK_CLIENT_ID: "copy the Client ID from your Slack app's Basic Information page, under App Credentials",
  SLACK_CLIENT_SECRET:
    "copy the Client Secret from your Slack app's Basic Information page, under App Credentials",
  SLACK_STATE_SECRET: "set it to a long random string, e.g. the output of `openssl rand -hex 32`",
  SLACK_REDIRECT_URI:
    "set it to the public https address of /slack/oauth_redirect exactly as listed under Redirect URLs on your Slack app's OAuth & Permissions page, e.g. https://collab.example.org/slack/oauth_redirect",
  SLACK_OPTIONAL_SCOPES:
    "leave it unset to ask for users.profile:read (Slack statuses as days away), or set it empty to ask for no optional scope",
  SLACK_APP_TOKEN:
    "create an app-level token with the connections:write scope on your Slack app's Basic Information page (it starts with xapp-)",
  COLLAB_ENCRYPTION_KEY:
    "make one with `openssl rand -base64 32` and keep it safe (it encrypts the Slack tokens stored in the database; losing it means installing again)",
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

/** The environment file read at start: ENV_FILE when set (it must exist), else ./.env when there is one. */
export function readEnvFile(
  processEnv: Env = process.env,
  cwd: string = process.cwd(),
): { env: Env; file: string | null } {
  const named = nonEmpty(processEnv, "ENV_FILE");
  const file = resolve(cwd, named ?? ".env");
  if (!named && !existsSync(file)) return { env: processEnv, file: null };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return fail(
      "ENV_FILE",
      `names ${file}, which cannot be read`,
      "check the path, or unset ENV_FILE to read ./.env",
    );
  }
  // The real environment wins over the file: a variable set for one run overrides the file's default.
  const fromFile = dotenv.parse(text);
  const env: Env = { ...fromFile };
  for (const [name, value] of Object.entries(processEnv)) if (value !== undefined) env[name] = value;
  return { env, file };
}

const switchValues: Record<string, boolean> = {
  true: true,
  "1": true,
  yes: true,
  on: true,
  false: false,
  "0": false,
  no: false,
  off: false,
};

/** TEAMS_ENABLED / SLACK_ENABLED: true, false, or undefined when unset (the default then depends on the credentials). */
function platformSwitch(env: Env, name: string): boolean | undefined {
  const text = nonEmpty(env, name)?.toLowerCase();
  if (text === undefined) return undefined;
  const value = switchValues[text];
  if (value === undefined) fail(name, `is "${text}"`, "set it to true or false, or unset it for the default");
  return value;
}

export function loadConfig(env: Env = process.env, options: LoadOptions = {}): Config {
  const platforms = options.platforms ?? true;
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

  const slack = platforms ? loadSlack(env) : null;
  const teams = platforms ? loadTeams(env, nodeEnv, slack !== null) : null;

  return {
    port: port.data,
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: resolve(nonEmpty(env, "DATA_DIR") ?? ".data"),
    logLevel: logLevel as Config["logLevel"],
    nodeEnv,
    retentionDays,
    slack,
    teams,
    metrics: metricsConfig(env),
    publications: publicationsConfig(env),
  };
}

// --- Publications sources (collab sync publications) -----------------------------------------------------------
const httpUrl = z.url({ protocol: /^https?$/ });

function publicationsConfig(env: Env): PublicationsConfig {
  const base = (name: string, fallback: string) => {
    const value = nonEmpty(env, name) ?? fallback;
    if (!httpUrl.safeParse(value).success)
      fail(name, `is not an http(s) URL ("${value}")`, `use ${fallback} or unset it`);
    return value.replace(/\/+$/, "");
  };
  const ncbiApiKey = secret(env, "NCBI_API_KEY");
  if (ncbiApiKey && !/^[A-Za-z0-9]{20,64}$/.test(ncbiApiKey)) {
    fail(
      "NCBI_API_KEY",
      "is not an NCBI API key (letters and digits)",
      "copy it from your NCBI account's Account settings → API Key Management, or unset it (3 requests a second)",
    );
  }
  return {
    eutilsUrl: base("NCBI_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"),
    orcidApiUrl: base("ORCID_API_URL", "https://pub.orcid.org"),
    ...(ncbiApiKey ? { ncbiApiKey } : {}),
  };
}

// --- Slack and Teams ---------------------------------------------------------------------------------------

const SLACK_CREDENTIALS = ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID"];

/** Slack's settings, or null when it is off: by SLACK_ENABLED=false, or by default when no credential is set. */
function loadSlack(env: Env): SlackConfig | null {
  const enabled = platformSwitch(env, "SLACK_ENABLED");
  if (enabled === false) return null;
  const signingSecret = secret(env, "SLACK_SIGNING_SECRET");
  const botToken = secret(env, "SLACK_BOT_TOKEN");
  const slackModes = loadSlackModes(env, { signingSecret, botToken });
  if (!slackModes.oauth && !slackModes.appToken && Boolean(signingSecret) !== Boolean(botToken)) {
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

  const slack =
    (signingSecret && botToken) || slackModes.oauth || slackModes.appToken
      ? {
          ...(signingSecret ? { signingSecret } : {}),
          ...(botToken ? { botToken } : {}),
          ...(apiUrl ? { apiUrl } : {}),
          ...slackModes,
        }
      : null;
  if (enabled && !slack) {
    fail(
      "SLACK_ENABLED",
      `is true but no Slack credential is set (${SLACK_CREDENTIALS.join(", ")})`,
      `set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (${hints.SLACK_BOT_TOKEN}), or unset SLACK_ENABLED`,
    );
  }
  return slack;
}

/**
 * Teams' settings, or null when it is off. TEAMS_ENABLED decides when set; by default Teams is on with
 * MICROSOFT_APP_ID, and without it on unauthenticated for local use only in development when Slack is not
 * configured (never in production, where nothing configured at all is an error).
 */
function loadTeams(env: Env, nodeEnv: string, slackOn: boolean): TeamsConfig | null {
  const enabled = platformSwitch(env, "TEAMS_ENABLED");
  if (enabled === false) return null;
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
  if (!appId && nodeEnv === "production" && (enabled || !slackOn)) {
    fail(
      "MICROSOFT_APP_ID",
      enabled
        ? "is missing while TEAMS_ENABLED is true and NODE_ENV is production, so the Teams endpoint would accept unauthenticated requests"
        : "is missing and NODE_ENV is production, so no platform is on (Slack has no credentials either)",
      `${hints.MICROSOFT_APP_ID}; or set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN for a Slack-only bot`,
    );
  }
  if (!appId && enabled === undefined && (nodeEnv === "production" || slackOn)) return null;
  return {
    ...(appId ? { appId } : {}),
    ...(appPassword ? { appPassword } : {}),
    ...(appTenantId ? { appTenantId } : {}),
    appType,
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

// --- Slack across several workspaces (OAuth install) and Socket Mode (issue #15) ---

/**
 * SLACK_CLIENT_ID and SLACK_CLIENT_SECRET turn on OAuth (each workspace installs the app and gets its own token);
 * SLACK_APP_TOKEN turns on Socket Mode (one workspace, no public URL). Without either: one SLACK_BOT_TOKEN.
 */
function loadSlackModes(
  env: Env,
  single: { signingSecret: string | undefined; botToken: string | undefined },
): Pick<SlackConfig, "oauth" | "appToken"> {
  const clientId = nonEmpty(env, "SLACK_CLIENT_ID");
  const clientSecret = secret(env, "SLACK_CLIENT_SECRET");
  const appToken = secret(env, "SLACK_APP_TOKEN");
  const redirectUri = slackRedirectUri(env);
  if (redirectUri && !(clientId && clientSecret)) {
    fail(
      "SLACK_REDIRECT_URI",
      "is set but OAuth is off (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET unset)",
      "set both to install with OAuth, or unset SLACK_REDIRECT_URI",
    );
  }
  if (appToken && !appToken.startsWith("xapp-")) {
    fail("SLACK_APP_TOKEN", "is not an app-level token (it should start with xapp-)", hints.SLACK_APP_TOKEN);
  }
  if (appToken && (clientId || clientSecret)) {
    fail(
      "SLACK_APP_TOKEN",
      "is set together with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET",
      "Socket Mode here serves one workspace with SLACK_BOT_TOKEN; unset SLACK_APP_TOKEN to install into several workspaces over HTTP",
    );
  }
  if (appToken && !single.botToken) {
    fail("SLACK_BOT_TOKEN", "is missing while SLACK_APP_TOKEN (Socket Mode) is set", hints.SLACK_BOT_TOKEN);
  }
  if (appToken) return { appToken };
  if (!clientId && !clientSecret) return {};
  if (!clientId)
    fail("SLACK_CLIENT_ID", "is missing while SLACK_CLIENT_SECRET is set", hints.SLACK_CLIENT_ID);
  if (!clientSecret) {
    fail("SLACK_CLIENT_SECRET", "is missing while SLACK_CLIENT_ID is set", hints.SLACK_CLIENT_SECRET);
  }
  if (single.botToken) {
    fail(
      "SLACK_BOT_TOKEN",
      "is set together with SLACK_CLIENT_ID (OAuth)",
      "unset it: with OAuth each workspace's token comes from its installation (open /slack/install)",
    );
  }
  if (!single.signingSecret) {
    fail("SLACK_SIGNING_SECRET", "is missing while SLACK_CLIENT_ID is set", hints.SLACK_SIGNING_SECRET);
  }
  const stateSecret = secret(env, "SLACK_STATE_SECRET");
  if (!stateSecret)
    fail("SLACK_STATE_SECRET", "is missing while SLACK_CLIENT_ID is set", hints.SLACK_STATE_SECRET);
  if (stateSecret.length < 16) {
    fail("SLACK_STATE_SECRET", "is shorter than 16 characters", hints.SLACK_STATE_SECRET);
  }
  const keyText = secret(env, "COLLAB_ENCRYPTION_KEY");
  if (!keyText) {
    fail("COLLAB_ENCRYPTION_KEY", "is missing while SLACK_CLIENT_ID is set", hints.COLLAB_ENCRYPTION_KEY);
  }
  const encryptionKey = parseEncryptionKey(keyText);
  if (!encryptionKey) {
    fail(
      "COLLAB_ENCRYPTION_KEY",
      "is not a 32-byte key in base64 or hex (or COLLAB_ENCRYPTION_KEY_FILE's content is not)",
      hints.COLLAB_ENCRYPTION_KEY,
    );
  }
  return {
    oauth: {
      clientId,
      clientSecret,
      stateSecret,
      encryptionKey,
      ...(redirectUri ? { redirectUri } : {}),
      optionalScopes: slackOptionalScopes(env),
    },
  };
}

/** The optional bot scopes the bot can use; the install link asks for no other. */
export const SLACK_OPTIONAL_BOT_SCOPES = ["users.profile:read"];

/** SLACK_OPTIONAL_SCOPES: comma- or space-separated; unset: all the optional scopes; empty: none. */
function slackOptionalScopes(env: Env): string[] {
  const text = env.SLACK_OPTIONAL_SCOPES;
  if (text === undefined) return [...SLACK_OPTIONAL_BOT_SCOPES];
  const scopes = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const unknown = scopes.filter((scope) => !SLACK_OPTIONAL_BOT_SCOPES.includes(scope));
  if (unknown.length > 0) {
    fail(
      "SLACK_OPTIONAL_SCOPES",
      `names ${unknown.join(", ")}, which the bot does not use (it knows ${SLACK_OPTIONAL_BOT_SCOPES.join(", ")})`,
      hints.SLACK_OPTIONAL_SCOPES,
    );
  }
  return scopes;
}

/** https (http only for localhost, for trying it out), absolute, no fragment: what Slack accepts as a Redirect URL. */
function slackRedirectUri(env: Env): string | undefined {
  const text = nonEmpty(env, "SLACK_REDIRECT_URI");
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail("SLACK_REDIRECT_URI", `is not a URL ("${text}")`, hints.SLACK_REDIRECT_URI);
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (!(url.protocol === "https:" || (url.protocol === "http:" && local)) || url.hash) {
    fail("SLACK_REDIRECT_URI", `is not an https address ("${text}")`, hints.SLACK_REDIRECT_URI);
  }
  return text;
}

/** 32 bytes written as base64 (44 characters, as `openssl rand -base64 32` prints) or as 64 hex digits. */
function parseEncryptionKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/]{43}=$/.test(text)) return Buffer.from(text, "base64");
  return null;
}

/** The configured secrets, for the logger to keep out of every line. */
export function secretsOf(config: Config): string[] {
  const oauth = config.slack?.oauth;
  return [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    oauth?.clientSecret,
    oauth?.stateSecret,
    oauth?.encryptionKey.toString("base64"),
    oauth?.encryptionKey.toString("hex"),
    config.teams?.appPassword,
    config.metrics.token,
    config.publications.ncbiApiKey,
  ].filter((s): s is string => typeof s === "string" && s.length > 0);
}
