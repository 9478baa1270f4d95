// Entry point of `collab`: runs the CLI with this process' arguments, streams and environment.
import { ConfigError, readEnvFile } from "../config.ts";
import { runCli } from "./run.ts";

/** The environment with ./.env (or ENV_FILE) under it, as the bot reads it; a bad ENV_FILE exits 2 with one line. */
function environment(): Record<string, string | undefined> {
  try {
    return readEnvFile().env;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

// `collab export | head`: once the reader has gone, the rest of the output has nowhere to go; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  env: environment(),
  // A getter: only `collab chat` touches stdin, so other commands never open it.
  get terminal() {
    return { input: process.stdin, output: process.stdout };
  },
});
