// Runs the collab CLI in-process and returns its exit code: 0 done, 2 bad input (one line on stderr), 1 failure.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { DataDirBusyError } from "../db/client.ts";
import { describeConnectionError } from "../db/connection-errors.ts";
import * as auditCommand from "./commands/audit.ts";
import * as chatCommand from "./commands/chat.ts";
import * as demoCommand from "./commands/demo.ts";
import * as exportCommand from "./commands/export.ts";
import * as forgetCommand from "./commands/forget.ts";
import * as importCommand from "./commands/import.ts";
import * as jobsCommand from "./commands/jobs.ts";
import * as migrateCommand from "./commands/migrate.ts";
import * as rolesCommand from "./commands/roles.ts";
import * as syncCommand from "./commands/sync.ts";
import * as teamsCommand from "./commands/teams.ts";
import { type CliContext, type CliIo, type CliOptions, createCliContext } from "./context.ts";
import { UsageError } from "./errors.ts";

/** Every top-level command; `jobs` and others join this list. */
const commands: { register(program: Command, context: CliContext): void }[] = [
  migrateCommand,
  importCommand,
  exportCommand,
  forgetCommand,
  jobsCommand,
  auditCommand,
  rolesCommand,
  demoCommand,
  chatCommand,
  teamsCommand,
  syncCommand,
];

function version(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version?: string }).version ?? "0.0.0";
}

function oneLine(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(" ");
}

/** The message of the error that matters: drizzle wraps driver errors in one that lists the query and its values. */
function shortMessage(error: unknown): string {
  let cause = error;
  while (cause instanceof Error && cause.message.startsWith("Failed query") && cause.cause instanceof Error) {
    cause = cause.cause;
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split("\n")[0] ?? message;
}

/** DATABASE_URL when the settings load, for naming it in a connection error. */
function databaseUrlOf(context: CliContext): string | undefined {
  try {
    return context.config.databaseUrl;
  } catch {
    return undefined;
  }
}

export function createProgram(context: CliContext): Command {
  const program = new Command("collab")
    .description(
      "The research-collaboration bot's command line: data, jobs, roles, the demo and a terminal chat.",
    )
    .version(version())
    .exitOverride()
    .configureOutput({
      writeOut: context.io.stdout,
      writeErr: context.io.stderr,
      outputError: (text, write) => write(`${oneLine(text)}\n`),
    });
  for (const command of commands) command.register(program, context);
  // Commander lists only the top level; the groups' commands (import people, role grant, …) are listed too.
  program.addHelpText("after", () => `\nEvery command:\n${everyCommand(program).join("\n")}\n`);
  return program;
}

/** One line per runnable command, groups expanded: "  collab import people <file>   import or update people …". */
/** Whether a command has an action of its own (Commander keeps it in a field it does not document). */
function runsItself(command: Command): boolean {
  return typeof (command as unknown as { _actionHandler?: unknown })._actionHandler === "function";
}

function everyCommand(program: Command): string[] {
  const rows: [string, string][] = [];
  const walk = (command: Command, path: string) => {
    for (const sub of command.commands) {
      if (sub.name() === "help") continue;
      const name = `${path} ${sub.name()}`;
      // A group that also runs by itself (`collab export`) is listed too, before its subcommands.
      if (sub.commands.length === 0 || runsItself(sub)) {
        const needed = sub.options.filter((option) => option.mandatory).map((option) => option.flags);
        const usage = sub.commands.length > 0 ? "" : sub.usage().replace(/\[options\]/, needed.join(" "));
        rows.push([`${name} ${usage}`.replace(/\s+/g, " ").trim(), sub.description()]);
      }
      if (sub.commands.length > 0) walk(sub, name);
    }
  };
  walk(program, "collab");
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return rows.map(([usage, description]) => `  ${usage.padEnd(width)}  ${description}`);
}

export async function runCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const context = createCliContext(io, options);
  try {
    await createProgram(context).parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataDirBusyError) {
      context.err(oneLine(error.message));
      return 2;
    }
    const url = databaseUrlOf(context);
    const unreachable = url ? describeConnectionError(error, url) : null;
    if (unreachable) {
      context.err(unreachable);
      return 1;
    }
    context.err(`collab failed: ${shortMessage(error)} (set LOG_LEVEL=debug for details)`);
    try {
      context.logger.debug({
        err: error instanceof Error && error.cause instanceof Error ? error.cause : error,
      });
    } catch {
      // Without a valid configuration there is no logger; the line above has said what went wrong.
    }
    return 1;
  }
}
