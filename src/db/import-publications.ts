// Imports a stream of papers in one transaction: authors matched to people, saved in batches, audited; all or nothing.
import {
  type AuthorReport,
  createAuthorMatcher,
  type MatchedPublication,
} from "../core/publications/match-authors.ts";
import type { PublicationRecord } from "../core/publications/publication-record.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { knownPeople, savePublications, touchPeople } from "./publication-store.ts";

/** Papers written per batch of statements: a few thousand rows of authors and descriptors each. */
const BATCH = 500;

export interface PublicationImportResult {
  read: number;
  created: number;
  updated: number;
  /** Papers none of whose authors is a known person: not stored. */
  skipped: number;
  people: number;
  report: AuthorReport;
}

/**
 * Reads `records` to the end inside one transaction, so a file that turns out bad at its last line imports
 * nothing (the reader's error propagates and the transaction rolls back).
 */
export async function importPublicationRecords(
  db: Db,
  records: AsyncIterable<PublicationRecord>,
  source: string,
): Promise<PublicationImportResult> {
  return db.transaction(async (tx) => {
    const matcher = createAuthorMatcher(await knownPeople(tx));
    const report: AuthorReport = { ambiguous: [], unmatched: new Set() };
    const result: PublicationImportResult = {
      read: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      people: 0,
      report,
    };
    const personIds = new Set<string>();
    let batch: MatchedPublication[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const saved = await savePublications(tx, batch);
      result.created += saved.created;
      result.updated += saved.updated;
      for (const id of saved.personIds) personIds.add(id);
      batch = [];
    };
    for await (const record of records) {
      result.read++;
      const matched = matcher.match(record, report);
      if (!matched.authors.some((a) => a.personId)) {
        result.skipped++;
        continue;
      }
      batch.push(matched);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await touchPeople(tx, personIds);
    result.people = personIds.size;
    await recordAudit(tx, {
      actor: "cli",
      platform: "cli",
      action: "publications.import",
      details: {
        source,
        read: result.read,
        created: result.created,
        updated: result.updated,
        skipped: result.skipped,
        people: result.people,
        ambiguous: report.ambiguous.length,
        unmatched: report.unmatched.size,
      },
    });
    return result;
  });
}
