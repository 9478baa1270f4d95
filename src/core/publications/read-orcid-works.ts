// Reads an ORCID works list (the public API's `/v3.0/{orcid}/works` JSON, or a whole `/record`) as papers of that person.
// A works list is small (one person's works), so it is parsed whole; lines are found again for messages.
import { normaliseOrcid } from "../orcid.ts";
import { normaliseDoi, PublicationFileError, type PublicationRecord } from "./publication-record.ts";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse says where it stopped as a position (Node 20) or as a line (later versions). */
function parseError(text: string, error: Error): PublicationFileError {
  const byLine = /line (\d+)/.exec(error.message);
  const byPosition = /position (\d+)/.exec(error.message);
  const line = byLine ? Number(byLine[1]) : byPosition ? lineOf(text, Number(byPosition[1])) : 1;
  return new PublicationFileError(line, "this is not valid JSON");
}

function ownerOf(root: Json): string | undefined {
  const paths = [
    at(root, "orcid-identifier", "path"),
    root.path,
    at(root, "activities-summary", "works", "path"),
  ];
  for (const path of paths) {
    if (typeof path !== "string") continue;
    const found = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i.exec(path);
    const orcid = found ? normaliseOrcid(found[1]!) : null;
    if (orcid) return orcid;
  }
  return undefined;
}

/** Yields each work (the preferred summary of each group) of an ORCID works JSON; throws naming the line. */
export async function* readOrcidWorks(chunks: AsyncIterable<string>): AsyncGenerator<PublicationRecord> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw parseError(text, error as Error);
  }
  if (!isObject(root)) throw new PublicationFileError(1, "an ORCID works file is one JSON object");
  const works = isObject(root["activities-summary"]) ? at(root, "activities-summary", "works") : root;
  const groups = at(works, "group");
  if (!Array.isArray(groups)) {
    throw new PublicationFileError(
      1,
      'there is no "group" list: this is not an ORCID works JSON (/v3.0/{orcid}/works)',
    );
  }
  const owner = ownerOf(root);
  if (!owner) {
    throw new PublicationFileError(
      1,
      'no ORCID iD in its "path": save the works list from the ORCID public API',
    );
  }
  let searchFrom = 0;
  for (const group of groups) {
    const summary: unknown = (at(group, "work-summary") as unknown[] | undefined)?.[0];
    const putCode = at(summary, "put-code");
    const where = typeof putCode === "number" ? text.indexOf(String(putCode), searchFrom) : -1;
    if (where >= 0) searchFrom = where;
    const line = lineOf(text, where >= 0 ? where : searchFrom);
    const title = at(summary, "title", "title", "value");
    if (!isObject(summary) || typeof title !== "string" || title.trim() === "") {
      throw new PublicationFileError(line, "a work has no title.title.value");
    }
    const record: PublicationRecord = {
      title: title.replace(/\s+/g, " ").trim().replace(/\.$/, ""),
      mesh: [],
      authors: [{ name: "", orcid: owner, emails: [] }],
      completeAuthors: false,
      line,
    };
    const ids = at(summary, "external-ids", "external-id");
    for (const id of Array.isArray(ids) ? ids : []) {
      const type = String(at(id, "external-id-type") ?? "").toLowerCase();
      const value = at(id, "external-id-value");
      if (typeof value !== "string" || at(id, "external-id-relationship") === "part-of") continue;
      if (type === "doi" && !record.doi) {
        const doi = normaliseDoi(value);
        if (doi) record.doi = doi;
      } else if (type === "pmid" && !record.pmid && /^\d+$/.test(value.trim())) record.pmid = value.trim();
    }
    const year = Number(at(summary, "publication-date", "year", "value"));
    if (Number.isInteger(year) && year > 1800) record.year = year;
    const journal = at(summary, "journal-title", "value");
    if (typeof journal === "string" && journal.trim() !== "") record.journal = journal.trim();
    yield record;
  }
}
