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
    .action(async (flags: { as: string }) => {
      const terminal = context.io.terminal;
      if (!terminal) throw new UsageError("collab chat needs a terminal to read from; run it in a shell.");
      const email = flags.as.trim().toLowerCase();
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
        await linkChatIdentity(database.db, person.id, actor.address);
        const delivery = createConsoleDelivery({
          db: database.db,
          personId: person.id,
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
          intro: `You are chatting as ${person.name} (${person.institution}), ${email}. Messages the bot sends you appear here.`,
          log: logger,
        });
        sender.attach(chat);
        await chat.run();
      });
    });
}
