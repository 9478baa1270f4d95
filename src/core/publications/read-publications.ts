// Tells a publications file's format from its first characters and reads it with the matching reader.
import { PublicationFileError, type PublicationRecord } from "./publication-record.ts";
import { readMedline } from "./read-medline.ts";
import { readOrcidWorks } from "./read-orcid-works.ts";
import { readPubmedXml } from "./read-pubmed-xml.ts";

export type PublicationFormat = "pubmed-xml" | "medline" | "orcid-json";

/** Puts back the chunk that was read to tell the format. */
async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

export function formatOf(start: string): PublicationFormat | undefined {
  const text = start.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<")) return "pubmed-xml";
  if (text.startsWith("{")) return "orcid-json";
  if (/^PMID- ?\d/.test(text)) return "medline";
  return undefined;
}

/**
 * The format and the papers of a file read as `chunks`: PubMed XML, MEDLINE text or ORCID works JSON, told apart
 * by how the file starts. Throws PublicationFileError for a file that is none of them (or malformed).
 */
export async function readPublications(
  chunks: AsyncIterable<string>,
): Promise<{ format: PublicationFormat; records: AsyncGenerator<PublicationRecord> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = "";
  // Enough of the file to see past a byte order mark, blank lines and an XML declaration's whitespace.
  while (head.trim().length < 8) {
    const next = await iterator.next();
    if (next.done) break;
    head += next.value;
  }
  const format = formatOf(head);
  if (!format) {
    const empty = head.trim() === "";
    throw new PublicationFileError(
      1,
      empty
        ? "the file is empty"
        : "this is neither PubMed XML (<PubmedArticleSet>), MEDLINE text (PMID- lines) nor ORCID works JSON",
    );
  }
  const stream = prepend(head.replace(/^\uFEFF/, ""), iterator);
  const reader =
    format === "pubmed-xml" ? readPubmedXml : format === "medline" ? readMedline : readOrcidWorks;
  return { format, records: reader(stream) };
}
