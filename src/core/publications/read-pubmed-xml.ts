// Reads PubMed XML (a PubmedArticleSet, as PubMed's "Save → XML" and E-utilities efetch give it) as a stream of papers.
// saxes is an event parser: a file of thousands of articles is read a chunk at a time, never held whole.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { normaliseOrcid } from "../orcid.ts";
import {
  type AuthorRecord,
  authorName,
  emailsIn,
  normaliseDoi,
  PublicationFileError,
  type PublicationRecord,
} from "./publication-record.ts";

interface Draft {
  line: number;
  pmid?: string;
  doi?: string;
  elocationDoi?: string;
  title: string;
  year?: number;
  journal?: string;
  mesh: PublicationRecord["mesh"];
  authors: AuthorRecord[];
}

interface AuthorDraft {
  lastName?: string;
  foreName?: string;
  collective?: string;
  orcid?: string;
  emails: string[];
}

const ARTICLE = "PubmedArticleSet/PubmedArticle";
const CITATION = `${ARTICLE}/MedlineCitation`;
const AUTHOR = `${CITATION}/Article/AuthorList/Author`;
const HEADING = `${CITATION}/MeshHeadingList/MeshHeading`;

/** Elements whose text is collected; inline markup inside (a title's <i>, <sup>) is part of the text. */
const textOf = new Set([
  `${CITATION}/PMID`,
  `${CITATION}/Article/ArticleTitle`,
  `${CITATION}/Article/Journal/Title`,
  `${CITATION}/Article/Journal/JournalIssue/PubDate/Year`,
  `${CITATION}/Article/Journal/JournalIssue/PubDate/MedlineDate`,
  `${CITATION}/Article/ELocationID`,
  `${AUTHOR}/LastName`,
  `${AUTHOR}/ForeName`,
  `${AUTHOR}/CollectiveName`,
  `${AUTHOR}/Identifier`,
  `${AUTHOR}/AffiliationInfo/Affiliation`,
  `${HEADING}/DescriptorName`,
  `${ARTICLE}/PubmedData/ArticleIdList/ArticleId`,
]);

/**
 * Yields each PubmedArticle of the XML read from `chunks`; throws PublicationFileError naming the line of
 * malformed XML, a root that is not PubmedArticleSet, or an article without its PMID or title.
 */
export async function* readPubmedXml(chunks: AsyncIterable<string>): AsyncGenerator<PublicationRecord> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const path: string[] = [];
  let pathText = "";
  const ready: PublicationRecord[] = [];
  let failure: PublicationFileError | undefined;
  let draft: Draft | undefined;
  let author: AuthorDraft | undefined;
  let heading: { descriptor?: string; major: boolean } | undefined;
  let collecting: { path: string; attributes: Record<string, string>; text: string } | undefined;

  const fail = (reason: string, line = parser.line) => {
    failure ??= new PublicationFileError(line, reason);
  };

  parser.on("error", (error) => {
    fail(error.message.replace(/^[^:]*:\d+:\d+: /, ""));
  });

  parser.on("opentag", (tag: SaxesTagPlain) => {
    path.push(tag.name);
    pathText = path.join("/");
    if (path.length === 1 && tag.name !== "PubmedArticleSet") {
      fail(`the root element is <${tag.name}>, not <PubmedArticleSet>: this is not a PubMed XML file`);
    }
    if (pathText === ARTICLE) draft = { line: parser.line, title: "", mesh: [], authors: [] };
    else if (pathText === AUTHOR) author = { emails: [] };
    else if (pathText === HEADING) heading = { major: false };
    else if (pathText === `${HEADING}/QualifierName` && heading && tag.attributes.MajorTopicYN === "Y") {
      // A heading whose qualifier is a major topic makes the descriptor one too (PubMed's "*" on the heading).
      heading.major = true;
    }
    if (!collecting && textOf.has(pathText)) {
      collecting = { path: pathText, attributes: tag.attributes as Record<string, string>, text: "" };
    }
  });

  parser.on("text", (text) => {
    if (collecting) collecting.text += text;
  });
  parser.on("cdata", (text) => {
    if (collecting) collecting.text += text;
  });

  parser.on("closetag", () => {
    if (collecting && collecting.path === pathText) {
      take(collecting.path, collecting.attributes, collecting.text.replace(/\s+/g, " ").trim());
      collecting = undefined;
    }
    if (pathText === AUTHOR && author && draft) {
      const name = author.collective ?? authorName(author.foreName, author.lastName);
      if (name) {
        draft.authors.push({
          name,
          ...(author.lastName ? { lastName: author.lastName } : {}),
          ...(author.foreName ? { foreName: author.foreName } : {}),
          ...(author.orcid ? { orcid: author.orcid } : {}),
          emails: author.emails,
        });
      }
      author = undefined;
    } else if (pathText === HEADING && heading && draft) {
      if (heading.descriptor) draft.mesh.push({ descriptor: heading.descriptor, major: heading.major });
      heading = undefined;
    } else if (pathText === ARTICLE && draft) {
      finish(draft);
      draft = undefined;
    }
    path.pop();
    pathText = path.join("/");
  });

  function take(at: string, attributes: Record<string, string>, text: string): void {
    if (!draft) return;
    if (at === `${CITATION}/PMID`) draft.pmid = text;
    else if (at === `${CITATION}/Article/ArticleTitle`) draft.title = text.replace(/\.$/, "");
    else if (at === `${CITATION}/Article/Journal/Title`) draft.journal = text;
    else if (at.endsWith("/PubDate/Year") || at.endsWith("/PubDate/MedlineDate")) {
      const year = /\b(\d{4})\b/.exec(text);
      if (year && draft.year === undefined) draft.year = Number(year[1]);
    } else if (at === `${CITATION}/Article/ELocationID` && attributes.EIdType === "doi") {
      draft.elocationDoi = normaliseDoi(text);
    } else if (at === `${ARTICLE}/PubmedData/ArticleIdList/ArticleId` && attributes.IdType === "doi") {
      draft.doi = normaliseDoi(text);
    } else if (author && at === `${AUTHOR}/LastName`) author.lastName = text;
    else if (author && at === `${AUTHOR}/ForeName`) author.foreName = text;
    else if (author && at === `${AUTHOR}/CollectiveName`) author.collective = text;
    else if (author && at === `${AUTHOR}/Identifier` && attributes.Source === "ORCID") {
      const orcid = normaliseOrcid(text);
      if (orcid) author.orcid = orcid;
    } else if (author && at === `${AUTHOR}/AffiliationInfo/Affiliation`)
      author.emails.push(...emailsIn(text));
    else if (heading && at === `${HEADING}/DescriptorName`) {
      heading.descriptor = text;
      if (attributes.MajorTopicYN === "Y") heading.major = true;
    }
  }

  function finish(d: Draft): void {
    if (!d.pmid || !/^\d+$/.test(d.pmid)) {
      fail("this PubmedArticle has no MedlineCitation/PMID (a number)", d.line);
      return;
    }
    if (!d.title) {
      fail(`PMID ${d.pmid} has no Article/ArticleTitle`, d.line);
      return;
    }
    const doi = d.doi ?? d.elocationDoi;
    ready.push({
      pmid: d.pmid,
      ...(doi ? { doi } : {}),
      title: d.title,
      ...(d.year !== undefined ? { year: d.year } : {}),
      ...(d.journal ? { journal: d.journal } : {}),
      mesh: d.mesh,
      authors: d.authors,
      completeAuthors: true,
      line: d.line,
    });
  }

  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  parser.close();
  if (failure) throw failure;
  yield* ready.splice(0);
}
