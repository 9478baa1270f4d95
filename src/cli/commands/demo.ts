// `collab demo`: loads the bundled demo programme (demo/people.csv, demo/programme.json) and says what to try next.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { consoleAddress } from "../../bots/console/console-actor.ts";
import {
  DEFAULT_DIGEST_HOUR,
  DEFAULT_DIGEST_WEEKDAY,
  latestDigestSlot,
} from "../../core/digest/digest-schedule.ts";
import { validatePeopleCsv } from "../../core/people-csv.ts";
import { count } from "../../core/plural.ts";
import { currentSlot } from "../../core/schedule/checkin-slots.ts";
import { type DemoMentorship, type DemoPartnership, loadDemoProgramme } from "../../db/demo-store.ts";
import type { CliContext } from "../context.ts";
import { readCsvFile } from "../read-csv.ts";

interface DemoFile {
  programme: string;
  /** Partnerships start some weeks before the demo is loaded, so that check-ins are due whatever the date. */
  partnerships: (Omit<DemoPartnership, "startedAt"> & { startedWeeksAgo: number })[];
  mentorships: DemoMentorship[];
}

const WEEK_MS = 7 * 86_400_000;

function withStart(demo: DemoFile, now: Date): DemoPartnership[] {
  return demo.partnerships.map(({ startedWeeksAgo, ...partnership }) => ({
    ...partnership,
    startedAt: new Date(now.getTime() - startedWeeksAgo * WEEK_MS),
  }));
}

const demoDir = new URL("../../../demo/", import.meta.url);

/** Lena is on Teams and has never opened the app: the demo's example of someone the bot cannot reach. */
const UNREACHABLE = "lena.fischer@rhein-klinik.example";

/**
 * A minute after the partnership's next check-in that is still ahead, in the time zone. Not this period's when it
 * is past: a bot that has run meanwhile has already sent it, and the scheduler skips prompts more than a day late,
 * so `jobs run checkins --now <a past instant>` would send nothing.
 */
function checkinInstant(partnership: DemoPartnership | undefined, timezone: string, now: Date): string {
  if (!partnership) return iso(now);
  let slot = currentSlot(partnership, now, timezone);
  while (slot.localDue.getTime() + 60_000 <= now.getTime())
    slot = currentSlot(partnership, slot.periodEnd, timezone);
  return iso(new Date(slot.localDue.getTime() + 60_000));
}

/** Five minutes after a coordinator's first weekly digest is due (their default day and hour, in their zone). */
function digestInstant(timezone: string): string {
  const next = latestDigestSlot(
    DEFAULT_DIGEST_WEEKDAY,
    DEFAULT_DIGEST_HOUR,
    timezone,
    new Date(Date.now() + WEEK_MS),
  );
  return iso(new Date(next.getTime() + 5 * 60_000));
}

const iso = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, "Z");

function nextSteps(programme: string, checkinNow: string, digestNow: string, postgres: boolean): string[] {
  return [
    "",
    postgres
      ? "Try it in terminals (PostgreSQL serves several chats at once; `quit` leaves):"
      : "Try it in a terminal (one chat at a time on the embedded database; `quit` leaves):",
    "",
    "  npx collab chat --as amara.nwosu@riverside.example",
    "      a consultant oncologist. Type:",
    "        find-collaborator a health economist for a cost-effectiveness analysis",
    "        then the number of a [Request intro] button",
    `        jobs run checkins --now ${checkinNow}`,
    "        then the number of your answer to the check-in that arrives",
    "",
    "  npx collab chat --as samir.patel@eastbrook.example",
    "      a health economist: Amara's intro request is waiting; accept it by its number.",
    "",
    "  npx collab chat --as helen.ward@northfield.example",
    `      coordinator of ${programme}. Type \`digest\` to read the programme's digest now, or`,
    `        jobs run digests --now ${digestNow}`,
    "      to receive the weekly one.",
    "",
    "In the chat, `help` lists every command.",
  ];
}

export function register(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description(
      "load a demo programme of invented people (idempotent) and show what to try in `collab chat`",
    )
    .action(async () => {
      const csv = readCsvFile(fileURLToPath(new URL("people.csv", demoDir)));
      const validated = validatePeopleCsv(csv);
      if (!validated.ok) throw new Error(`the bundled demo/people.csv is invalid: ${validated.errors[0]}`);
      const demo = JSON.parse(readFileSync(new URL("programme.json", demoDir), "utf8")) as DemoFile;
      const people = validated.people;
      const partnerships = withStart(demo, new Date());
      const result = await context.withDatabase((database) =>
        loadDemoProgramme(database.db, {
          programme: demo.programme,
          people,
          partnerships,
          mentorships: demo.mentorships,
          consoleIdentities: people
            .filter((p) => p.email !== UNREACHABLE)
            .map((p) => ({ email: p.email, address: consoleAddress(p.email) })),
        }),
      );
      const institutions = new Set(people.map((p) => p.institution)).size;
      const changed = result.people + result.partnerships + result.mentorships + result.consoleIdentities;
      context.out(
        changed > 0
          ? `Loaded the demo programme "${demo.programme}": ${count(people.length, "invented person", "invented people")} at ` +
              `${count(institutions, "institution")}, ${count(demo.partnerships.length, "partnership")} and ` +
              `${count(demo.mentorships.length, "mentorship")}.`
          : `The demo programme "${demo.programme}" is already loaded; nothing changed.`,
      );
      const amara = people.find((p) => p.email === "amara.nwosu@riverside.example");
      const checkinNow = checkinInstant(partnerships[0], amara?.timezone ?? "Europe/London", new Date());
      const helen = people.find((p) => p.email === "helen.ward@northfield.example");
      const digestNow = digestInstant(helen?.timezone ?? "Europe/London");
      for (const line of nextSteps(
        demo.programme,
        checkinNow,
        digestNow,
        Boolean(context.config.databaseUrl),
      )) {
        context.out(line);
      }
    });
}
