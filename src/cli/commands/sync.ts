// `collab sync publications [--person email]`: fetches people's papers from PubMed (E-utilities) and ORCID, and imports them.
import type { Command } from "commander";
import { asc, eq, isNotNull } from "drizzle-orm";
import type { PublicationRecord } from "../../core/publications/publication-record.ts";
import { importPublicationRecords } from "../../db/import-publications.ts";
import { people } from "../../db/schema.ts";
import { SourceError } from "../../sources/paced-fetch.ts";
import { createPublicationSources } from "../../sources/publication-sources.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

async function* each(records: readonly PublicationRecord[]): AsyncGenerator<PublicationRecord> {
  yield* records;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function register(program: Command, context: CliContext): void {
  const sync = program.command("sync").description("fetch data from outside sources");
  sync
    .command("publications")
    .description(
      "fetch papers from PubMed (NCBI E-utilities) and ORCID for everyone with an ORCID iD, or for one person",
    )
    .option("--person <email>", "only this person (searched by ORCID iD, else by name)")
    .action(async (options: { person?: string }) => {
      const settings = context.config.publications;
      const sources = createPublicationSources(settings, {
        onRetry: (details) => context.logger.warn(details, "Publication source failed; retrying"),
      });
      await context.withDatabase(async ({ db }) => {
        const chosen = options.person
          ? await db
              .select({ id: people.id, email: people.email, name: people.name, orcid: people.orcid })
              .from(people)
              .where(eq(people.email, options.person.trim().toLowerCase()))
          : await db
              .select({ id: people.id, email: people.email, name: people.name, orcid: people.orcid })
              .from(people)
              .where(isNotNull(people.orcid))
              .orderBy(asc(people.email));
        if (options.person && chosen.length === 0) {
          throw new UsageError(
            `No person has the email ${options.person}: import them with collab import people first.`,
          );
        }
        if (chosen.length === 0) {
          context.out(
            "No one has an ORCID iD yet: add an orcid column to the people CSV, or use --person <email>.",
          );
          return;
        }
        let created = 0;
        let updated = 0;
        for (const person of chosen) {
          let records: PublicationRecord[];
          try {
            records = await sources.pubmed(person);
            if (person.orcid) records.push(...(await sources.orcidWorks(person.orcid)));
          } catch (error) {
            if (!(error instanceof SourceError)) throw error;
            const done = chosen.indexOf(person);
            throw new Error(
              `${error.message} after retries while fetching ${person.email}'s papers; ${count(done, "person was", "people were")} synced before. Run it again later`,
            );
          }
          const result = await importPublicationRecords(db, each(records), "sync");
          created += result.created;
          updated += result.updated;
          context.out(
            `${person.email}: ${count(records.length, "paper", "papers")} found, ${result.created} new, ${result.updated} updated.`,
          );
        }
        context.out(
          `Synced ${count(chosen.length, "person", "people")}: ${created} new and ${updated} updated publications.`,
        );
      });
    });
}
