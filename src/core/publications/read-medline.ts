// Reads MEDLINE text (PubMed's "Save → PubMed format": `PMID- `, `TI  - `, `FAU - `, `MH  - ` lines) as a stream of papers.
import { normaliseOrcid } from "../orcid.ts";
import {
  type AuthorRecord,
  emailsIn,
  normaliseDoi,
  PublicationFileError,
  type PublicationRecord,
} from "./publication-record.ts";
import { readLines } from "./read-lines.ts";

/** A field line: a tag of up to four letters padded to four, then "- ". */
const FIELD = /^([A-Z]{2,4}) {0,2}- ?(.*)$/;
/** A field continued: six spaces of indent. */
const CONTINUED = /^ {6}(.*)$/;

interface Field {
  tag: string;
  value: string;
  line: number;
}

function authorFrom(fullName: string): AuthorRecord {
  // "Okafor, Ada" (FAU) or "Okafor A" (AU); a collective name has no comma.
  const comma = fullName.indexOf(",");
  if (comma < 0) return { name: fullName, emails: [] };
  const lastName = fullName.slice(0, comma).trim();
  const foreName = fullName.slice(comma + 1).trim();
  return { name: `${foreName} ${lastName}`.trim(), lastName, foreName, emails: [] };
}

function recordOf(fields: Field[]): PublicationRecord {
  const first = fields[0]!;
  const record: PublicationRecord = {
    title: "",
    mesh: [],
    authors: [],
    completeAuthors: true,
    line: first.line,
  };
  let author: AuthorRecord | undefined;
  let shortNamesOnly = true;
  for (const { tag, value } of fields) {
    switch (tag) {
      case "PMID":
        record.pmid = value;
        break;
      case "TI":
        record.title = value.replace(/\.$/, "");
        break;
      case "JT":
        record.journal = value;
        break;
      case "DP": {
        const year = /\b(\d{4})\b/.exec(value);
        if (year) record.year = Number(year[1]);
        break;
      }
      case "FAU":
        shortNamesOnly = false;
        author = authorFrom(value);
        record.authors.push(author);
        break;
      case "AU":
        // AU follows its FAU; a record with only AU lines (older citations) has these short names alone.
        if (shortNamesOnly) {
          author = { name: value, emails: [] };
          record.authors.push(author);
        }
        break;
      case "AUID": {
        const orcid = /ORCID:\s*(\S+)/i.exec(value);
        const id = orcid ? normaliseOrcid(orcid[1]!) : null;
        if (author && id) author.orcid = id;
        break;
      }
      case "AD":
        if (author) author.emails.push(...emailsIn(value));
        break;
      case "MH": {
        const [descriptor = "", ...qualifiers] = value.split("/");
        const major = descriptor.startsWith("*") || qualifiers.some((q) => q.startsWith("*"));
        const name = descriptor.replace(/^\*/, "").trim();
        if (name) record.mesh.push({ descriptor: name, major });
        break;
      }
      case "LID":
      case "AID": {
        const doi = /^(\S+)\s+\[doi\]$/.exec(value);
        const normal = doi ? normaliseDoi(doi[1]!) : undefined;
        if (normal && !record.doi) record.doi = normal;
        break;
      }
    }
  }
  return record;
}

/**
 * Yields each record (one per PMID) of MEDLINE text read from `chunks`; throws PublicationFileError naming the
 * line that is not a MEDLINE field, or a record without PMID or TI.
 */
export async function* readMedline(chunks: AsyncIterable<string>): AsyncGenerator<PublicationRecord> {
  let fields: Field[] = [];
  const finish = (): PublicationRecord | undefined => {
    if (fields.length === 0) return undefined;
    const record = recordOf(fields);
    fields = [];
    if (!record.pmid || !/^\d+$/.test(record.pmid))
      throw new PublicationFileError(
        record.line,
        "the record does not start with a PMID- line holding a number",
      );
    if (!record.title) throw new PublicationFileError(record.line, `PMID ${record.pmid} has no TI - line`);
    return record;
  };
  for await (const { line, text } of readLines(chunks)) {
    if (text.trim() === "") {
      const record = finish();
      if (record) yield record;
      continue;
    }
    const continued = CONTINUED.exec(text);
    if (continued && fields.length > 0) {
      const last = fields[fields.length - 1]!;
      last.value = `${last.value} ${continued[1]!.trim()}`;
      continue;
    }
    const field = FIELD.exec(text);
    if (!field) {
      throw new PublicationFileError(
        line,
        `"${text.slice(0, 40)}" is not a MEDLINE field line (like "TI  - …")`,
      );
    }
    if (fields.length === 0 && field[1] !== "PMID")
      throw new PublicationFileError(line, `a record starts with ${field[1]}- where a PMID- line belongs`);
    if (field[1] === "PMID" && fields.length > 0) {
      const record = finish();
      if (record) yield record;
    }
    fields.push({ tag: field[1]!, value: field[2]!.trim(), line });
  }
  const record = finish();
  if (record) yield record;
}
