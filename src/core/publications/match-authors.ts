// Finds which people wrote a paper: by ORCID iD, else email, else exact normalised name; keeps what it could not decide.
import { normaliseName, type PublicationRecord } from "./publication-record.ts";

export interface KnownPerson {
  id: string;
  email: string;
  name: string;
  orcid: string | null;
}

export interface MatchedAuthor {
  position: number;
  name: string;
  orcid: string | null;
  personId: string | null;
}

export interface MatchedPublication {
  record: PublicationRecord;
  authors: MatchedAuthor[];
}

/** What an import tells its operator: authors that named two or more people, and authors that named nobody. */
export interface AuthorReport {
  /** "Ada Okafor (PMID 123): 2 people share this name" */
  ambiguous: string[];
  /** Distinct author names (or iDs) that matched nobody. */
  unmatched: Set<string>;
}

function indexBy(people: readonly KnownPerson[], key: (person: KnownPerson) => string | null) {
  const index = new Map<string, string[]>();
  for (const person of people) {
    const k = key(person);
    if (!k) continue;
    const ids = index.get(k);
    if (ids) ids.push(person.id);
    else index.set(k, [person.id]);
  }
  return index;
}

export function createAuthorMatcher(people: readonly KnownPerson[]) {
  const byOrcid = indexBy(people, (p) => p.orcid);
  const byEmail = indexBy(people, (p) => p.email.toLowerCase());
  const byName = indexBy(people, (p) => normaliseName(p.name) || null);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  return {
    /** The paper's authors with the person each is, where exactly one fits; what could not be decided goes to `report`. */
    match(record: PublicationRecord, report: AuthorReport): MatchedPublication {
      const which = record.pmid
        ? `PMID ${record.pmid}`
        : record.doi
          ? `doi ${record.doi}`
          : `"${record.title.slice(0, 60)}"`;
      const authors = record.authors.map((author, i): MatchedAuthor => {
        const label = author.name || author.orcid || "an author";
        const tries: [string, string[] | undefined][] = [
          ["ORCID iD", author.orcid ? byOrcid.get(author.orcid) : undefined],
          ["email", author.emails.flatMap((email) => byEmail.get(email) ?? [])],
          ["name", author.name ? byName.get(normaliseName(author.name)) : undefined],
        ];
        let personId: string | null = null;
        for (const [by, ids] of tries) {
          const unique = [...new Set(ids ?? [])];
          if (unique.length === 1) {
            personId = unique[0]!;
            break;
          }
          if (unique.length > 1) {
            report.ambiguous.push(`${label} (${which}): ${unique.length} people share this ${by}`);
            break;
          }
        }
        if (!personId && !report.ambiguous.at(-1)?.startsWith(`${label} (${which})`))
          report.unmatched.add(label);
        const name = author.name || (personId ? (nameOf.get(personId) ?? "") : "") || author.orcid || "";
        return { position: i + 1, name, orcid: author.orcid ?? null, personId };
      });
      return { record, authors };
    },
  };
}
