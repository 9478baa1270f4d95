// One paper as read from a file or a live source (PubMed XML, MEDLINE, ORCID works JSON), before it is matched to people.

export interface AuthorRecord {
  /** As a byline shows it: "Ada Okafor" (fore name, then last name), or a collective name. */
  name: string;
  lastName?: string;
  foreName?: string;
  /** Canonical ORCID iD when the source gives one with a valid check character. */
  orcid?: string;
  /** Addresses found in the author's affiliations ("Electronic address: …"), lowercase. */
  emails: string[];
}

export interface MeshRecord {
  descriptor: string;
  /** The paper is mainly about it (PubMed's MajorTopicYN="Y", MEDLINE's leading `*`). */
  major: boolean;
}

export interface PublicationRecord {
  pmid?: string;
  /** Lowercase, without a https://doi.org/ prefix. */
  doi?: string;
  title: string;
  year?: number;
  journal?: string;
  mesh: MeshRecord[];
  authors: AuthorRecord[];
  /**
   * Whether `authors` is the whole byline (PubMed) or only the person whose list it came from (an ORCID works
   * list): a partial list adds its person to the paper and leaves the byline alone.
   */
  completeAuthors: boolean;
  /** Where the record starts in its file (1-based), for messages. */
  line: number;
}

/** A file that cannot be read as its format: the line (1-based) and what is wrong there. */
export class PublicationFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "PublicationFileError";
  }
}

export function normaliseDoi(text: string): string | undefined {
  const doi = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, "")
    .replace(/^doi:\s*/i, "")
    .toLowerCase();
  return /^10\.\S+\/\S+$/.test(doi) ? doi : undefined;
}

/** Folds case, accents and punctuation: "Núñez-Ríos, José" and "jose nunez rios" compare equal in order. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The key that finds a paper without PMID or DOI: its normalised title and year. */
export function titleKey(title: string, year: number | undefined): string {
  return `${normaliseName(title)}|${year ?? ""}`;
}

const emailInText = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Email addresses inside an affiliation line; PubMed writes "Electronic address: x@y.org." */
export function emailsIn(text: string): string[] {
  return [...text.matchAll(emailInText)].map((m) => m[0].replace(/\.+$/, "").toLowerCase());
}

export function authorName(foreName: string | undefined, lastName: string | undefined): string {
  return [foreName, lastName]
    .filter((part) => part && part.trim() !== "")
    .join(" ")
    .trim();
}
