// `collab chat --as <email>`: talk to the bot in this terminal as that person, on the embedded database or DATABASE_URL.
import type { Command } from "commander";
import { createServices } from "../../app/create-services.ts";
import { consoleActor } from "../../bots/console/console-actor.ts";
import { createConsoleClock } from "../../bots/console/console-clock.ts";
import { createConsoleSender } from "../../bots/console/console-sender.ts";
import { createConsoleChat } from "../../bots/console/create-console-chat.ts";
import { findPersonByEmail, linkChatIdentity } from "../../db/chat-identity-link.ts";
import { createConsoleDelivery } from "../../delivery/console-delivery.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

export function register(program: Command, context: CliContext): void {
  program
    .command("chat")
    .description("chat with the bot in this terminal as a person of the directory (no Slack or Teams needed)")
    .requiredOption("--as <email>", "the email of the person to chat as")
    .option("--force", "chat as someone with NODE_ENV=production (what you do is done in their name)")
    .action(async (flags: { as: string; force?: boolean }) => {
      const terminal = context.io.terminal;
      if (!terminal) throw new UsageError("collab chat needs a terminal to read from; run it in a shell.");
      const email = flags.as.trim().toLowerCase();
      if (context.config.nodeEnv === "production" && !flags.force) {
        throw new UsageError(
          `NODE_ENV is production: collab chat --as ${email} answers, requests intros and records check-ins in their name; add --force if you mean to.`,
        );
      }
      // Logs go to stderr, which shares the terminal: only warnings unless LOG_LEVEL asks for more.
      const logger = context.io.env.LOG_LEVEL ? context.logger : context.logger.child({}, { level: "warn" });
      await context.withDatabase(async (database) => {
        const person = await findPersonByEmail(database.db, email);
        if (!person) {
          throw new UsageError(
            `No person with email ${email}: run \`npx collab demo\` or \`npx collab import people FILE.csv\` first.`,
          );
        }
        const clock = createConsoleClock();
        const sender = createConsoleSender(email);
        const services = await createServices({
          config: context.config,
          logger,
          database,
          clock,
          consoleSender: sender,
        });
        const actor = consoleActor(email, person.name);
        const link = await linkChatIdentity(database.db, person.id, actor.address);
        const delivery = createConsoleDelivery({
          db: database.db,
          personId: person.id,
          channelId: actor.address.userId,
          sender,
          logger,
          now: () => clock.now(),
        });
        const chat = createConsoleChat({
          core: services.core,
          io: terminal,
          actor,
          clock,
          deliver: () => delivery.drain(),
          jobs: {
            names: services.jobs.map((job) => job.name),
            run: async (name, now) => {
              const job = services.jobs.find((j) => j.name === name);
              if (!job) throw new Error(`no job ${name}`);
              return (await job.run(now)).summary;
            },
          },
          intro: [
            `You are chatting as ${person.name} (${person.institution}), ${email}.`,
            ...(link.created ? [whatChanges(person.name, link.otherPlatforms)] : []),
            link.otherPlatforms.length > 0
              ? `Messages the bot sends ${person.name} go to their ${platformNames(link.otherPlatforms)} account; here you see the answers to what you type.`
              : "Messages the bot sends you appear here.",
          ].join("\n"),
          log: logger,
        });
        sender.attach(chat);
        await chat.run();
      });
    });
}

const platformNames = (platforms: readonly string[]): string =>
  platforms.map((p) => ({ slack: "Slack", teams: "Teams" })[p] ?? p).join(" and ");

/** Said once, when this chat adds the person's terminal identity (outside the demo, which adds them itself). */
function whatChanges(name: string, otherPlatforms: readonly string[]): string {
  return otherPlatforms.length > 0
    ? `This adds a terminal identity for ${name}; it does not change where the bot writes to them.`
    : `${name} has no Slack or Teams account: from now on what the bot sends them waits for this terminal ` +
        "(`collab chat --as`), and the digest no longer lists them as unreachable.";
}
