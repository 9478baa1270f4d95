// The one logger: JSON lines through pino, with secrets and free text redacted wherever they might be passed in.
import { type DestinationStream, pino } from "pino";

export type Logger = pino.Logger;

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

export function createLogger(
  options: { level?: string; destination?: DestinationStream | number } = {},
): Logger {
  const destination =
    typeof options.destination === "number"
      ? pino.destination({ fd: options.destination, sync: true })
      : (options.destination ?? pino.destination({ fd: 1, sync: false }));
  return pino(
    { level: options.level ?? "info", redact: { paths: redactPaths, censor: "[redacted]" } },
    destination,
  );
}
