// The live sources of papers: NCBI E-utilities (esearch then efetch, PubMed XML) and the ORCID public API (works).
import type { PublicationsConfig } from "../config.ts";
import type { PublicationRecord } from "../core/publications/publication-record.ts";
import { readOrcidWorks } from "../core/publications/read-orcid-works.ts";
import { readPubmedXml } from "../core/publications/read-pubmed-xml.ts";
import { createPacedFetch, type PacedFetchOptions } from "./paced-fetch.ts";

/** PubMed ids per efetch: NCBI asks for POST above about 200. */
const FETCH_IDS = 200;
/** The most papers read for one person. */
const SEARCH_MAX = 1000;

export interface AuthorQuery {
  orcid: string | null;
  name: string;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function collect(records: AsyncIterable<PublicationRecord>): Promise<PublicationRecord[]> {
  const all: PublicationRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

export function createPublicationSources(
  config: PublicationsConfig,
  options: Pick<PacedFetchOptions, "backoffMs" | "onRetry" | "attempts"> = {},
) {
  // NCBI allows 3 requests a second, 10 with an API key; ORCID's public API about 24.
  const ncbi = createPacedFetch({
    name: "NCBI E-utilities",
    requestsPerSecond: config.ncbiApiKey ? 10 : 3,
    ...options,
  });
  const orcid = createPacedFetch({ name: "the ORCID public API", requestsPerSecond: 12, ...options });

  function eutils(tool: string, params: Record<string, string>): string {
    const query = new URLSearchParams({ db: "pubmed", tool: "collab-bot", ...params });
    if (config.ncbiApiKey) query.set("api_key", config.ncbiApiKey);
    return `${config.eutilsUrl}/${tool}.fcgi?${query}`;
  }

  return {
    /** The person's PubMed papers: by ORCID iD ([auid]) when known, else by author name. */
    async pubmed(author: AuthorQuery): Promise<PublicationRecord[]> {
      const term = author.orcid ? `${author.orcid}[auid]` : `"${author.name.replace(/"/g, "")}"[au]`;
      const found = JSON.parse(
        await ncbi(eutils("esearch", { term, retmode: "json", retmax: String(SEARCH_MAX) })),
      ) as { esearchresult?: { idlist?: unknown } };
      const ids = found.esearchresult?.idlist;
      if (!Array.isArray(ids)) throw new Error("esearch answered without esearchresult.idlist");
      const records: PublicationRecord[] = [];
      for (let start = 0; start < ids.length; start += FETCH_IDS) {
        const chunk = ids.slice(start, start + FETCH_IDS).map(String);
        const xml = await ncbi(eutils("efetch", { id: chunk.join(","), retmode: "xml" }));
        records.push(...(await collect(readPubmedXml(once(xml)))));
      }
      return records;
    },

    /** The works on the person's ORCID record. */
    async orcidWorks(orcidId: string): Promise<PublicationRecord[]> {
      const json = await orcid(`${config.orcidApiUrl}/v3.0/${orcidId}/works`, { accept: "application/json" });
      return collect(readOrcidWorks(once(json)));
    },
  };
}

export type PublicationSources = ReturnType<typeof createPublicationSources>;
