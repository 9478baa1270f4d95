// Entry point of `collab`: runs the CLI with this process' arguments, streams and environment.
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  env: process.env,
  // A getter: only `collab chat` touches stdin, so other commands never open it.
  get terminal() {
    return { input: process.stdin, output: process.stdout };
  },
});
