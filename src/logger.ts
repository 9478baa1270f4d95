// The one logger: JSON lines through pino (pretty, coloured lines on a terminal), with secrets and free text redacted.
import { createRequire } from "node:module";
import { isatty } from "node:tty";
import { type DestinationStream, pino } from "pino";

export type Logger = pino.Logger;

/** Free text and the usual places of secrets, by path (pino's redaction: top level and one level down). */
const redactPaths = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "signingSecret",
  "*.signingSecret",
  "appPassword",
  "*.appPassword",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "text",
  "*.text",
  "note",
  "*.note",
  "need",
  "*.need",
];

const CENSOR = "[redacted]";

/** Keys whose values are secrets at any depth (compared without case, "-" and "_"). */
const secretKeys = new Set(
  [
    "token",
    "bottoken",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "signingsecret",
    "clientsecret",
    "secret",
    "apppassword",
    "microsoftapppassword",
    "password",
    "authorization",
    "cookie",
    "setcookie",
    "apikey",
    "xslacksignature",
  ].map((k) => k.toLowerCase()),
);

/** Token shapes that are secrets wherever they appear in a string: Slack tokens, bearer credentials, JWTs. */
const secretPatterns: RegExp[] = [
  /\bxox[abeoprs]-[A-Za-z0-9-]{6,}/g,
  /\bxapp-[A-Za-z0-9-]{6,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g,
  /\bv0=[a-f0-9]{32,}/g,
];

/** Drizzle's query errors end with the query's parameters: values people typed, which must not be logged. */
const queryParams = /\nparams: [\s\S]*$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function makeScrubber(secrets: readonly string[]): (text: string) => string {
  const exact = secrets
    .filter((s) => s.length >= 6)
    .sort((a, b) => b.length - a.length)
    .map((s) => new RegExp(escapeRegExp(s), "g"));
  return (text) => {
    let out = text.replace(queryParams, "\nparams: [redacted]");
    for (const pattern of exact) out = out.replace(pattern, CENSOR);
    for (const pattern of secretPatterns) {
      out = out.replace(pattern, (_match, scheme: unknown) =>
        typeof scheme === "string" && /^(Bearer|Basic)$/i.test(scheme) ? `${scheme} ${CENSOR}` : CENSOR,
      );
    }
    return out;
  };
}

function isSecretKey(key: string): boolean {
  return secretKeys.has(key.toLowerCase().replace(/[-_]/g, ""));
}

/** A copy of a log object with secret keys censored and secret shapes scrubbed from strings, at any depth. */
function sanitize(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[too deep]";
  if (value instanceof Error) {
    const cause = (value as Error & { cause?: unknown }).cause;
    return {
      type: value.name,
      message: scrub(value.message),
      ...(value.stack ? { stack: scrub(value.stack) } : {}),
      ...(typeof (value as Error & { code?: unknown }).code === "string"
        ? { code: (value as Error & { code: string }).code }
        : {}),
      ...(cause !== undefined ? { cause: sanitize(cause, scrub, depth + 1) } : {}),
    };
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => sanitize(item, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && item !== undefined && item !== null ? CENSOR : sanitize(item, scrub, depth + 1);
  }
  return out;
}

/**
 * A log line that does not fit into a full pipe is retried for a while, then dropped: sonic-boom's default retries
 * for ever, synchronously on exit, so `npm start | <a reader that stopped>` could never stop.
 */
function giveUpWhenFull(): boolean {
  const now = Date.now();
  blockedSince ??= now;
  if (now - blockedSince < 2_000) return true;
  blockedSince = undefined;
  return false;
}
let blockedSince: number | undefined;

/** stdout or stderr whose reader has gone (`npm start | head -2`): lines are dropped instead of crashing the process. */
function quietOnClosedPipe(stream: ReturnType<typeof pino.destination>): ReturnType<typeof pino.destination> {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "EAGAIN") throw error;
  });
  return stream;
}

export function createLogger(
  options: {
    level?: string;
    destination?: DestinationStream | number;
    /** Values that must never be written, wherever they turn up (the configured tokens and passwords). */
    secrets?: readonly (string | undefined)[];
  } = {},
): Logger {
  const fd = typeof options.destination === "number" ? options.destination : 1;
  const destination =
    typeof options.destination === "object"
      ? options.destination
      : isatty(fd)
        ? prettyTo(fd)
        : quietOnClosedPipe(
            pino.destination({
              fd,
              sync: typeof options.destination === "number",
              retryEAGAIN: giveUpWhenFull,
            }),
          );
  const scrub = makeScrubber((options.secrets ?? []).filter((s): s is string => typeof s === "string"));
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: redactPaths, censor: CENSOR },
      formatters: {
        log: (object) => sanitize(object, scrub) as Record<string, unknown>,
      },
      hooks: {
        // The message string (and any printf arguments) are scrubbed too: Bolt's logger passes plain strings.
        logMethod(args, method) {
          const clean = args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as typeof args;
          method.apply(this, clean);
        },
      },
    },
    destination,
  );
}

/**
 * A person at a terminal reads pretty, coloured lines; a pipe, a file or a log collector gets JSON. pino-pretty is
 * loaded only then (and in this thread, not as a worker transport), so a server under a supervisor never loads it.
 */
function prettyTo(fd: number): DestinationStream {
  const require = createRequire(import.meta.url);
  const pretty = require("pino-pretty") as (options: Record<string, unknown>) => DestinationStream;
  return pretty({
    colorize: true,
    destination: fd,
    sync: true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
  });
}
