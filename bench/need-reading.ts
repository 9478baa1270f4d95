// `npm run bench:need-reading`: how often the concept lexicon reads the skill or area a request asks for, on 5,828
// requests written by helpers who never read the ranker (test/fixtures/need-requests), per kind of wording.
// Also imported by test/matching/need-reading.test.ts, so the floors there and the figures here are the same code.
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyseText } from "../src/core/matching/analyse-text.ts";

export interface LabelledRequest {
  /** The lexicon concept the request asks for, or "none" for messages that ask for no skill or area. */
  concept: string;
  /** How it is worded: lay, indirect, complementary, nonnative, plain or mentoring. */
  kind: string;
  text: string;
}

export interface KindReading {
  kind: string;
  requests: number;
  /** Share of requests whose reading names the asked concept itself. */
  named: number;
  /** Share whose reading names the asked concept or implies it as a broader concept. */
  namedOrBroader: number;
  /** Share whose reading holds any concept at all (for "none", the share read as asking for something). */
  anyConcept: number;
}

export interface ConceptReading {
  concept: string;
  requests: number;
  named: number;
}

const folder = join(fileURLToPath(new URL(".", import.meta.url)), "..", "test", "fixtures", "need-requests");

/** Reads "concept<TAB>kind<TAB>request" lines; a line that is not three fields names its number. */
export function loadRequests(path = join(folder, "requests.tsv")): LabelledRequest[] {
  const out: LabelledRequest[] = [];
  for (const [n, line] of readFileSync(path, "utf8").split("\n").entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [concept, kind, text, ...extra] = line.split("\t");
    if (!concept || !kind || !text?.trim() || extra.length > 0) {
      throw new Error(`${path} line ${n + 1} is not "concept<TAB>kind<TAB>request"`);
    }
    out.push({ concept, kind, text: text.trim() });
  }
  return out;
}

function conceptsOf(text: string): { named: Set<string>; broader: Set<string> } {
  const named = new Set<string>();
  const broader = new Set<string>();
  for (const u of analyseText(text)) {
    if (!u.unit.startsWith("c:")) continue;
    (u.broader ? broader : named).add(u.unit.slice(2));
  }
  return { named, broader };
}

export function readingFigures(requests: readonly LabelledRequest[]): {
  byKind: KindReading[];
  byConcept: ConceptReading[];
} {
  const kinds = new Map<string, { n: number; named: number; broader: number; any: number }>();
  const concepts = new Map<string, { n: number; named: number }>();
  for (const r of requests) {
    const read = conceptsOf(r.text);
    const kind = r.concept === "none" ? "none" : r.kind;
    const k = kinds.get(kind) ?? { n: 0, named: 0, broader: 0, any: 0 };
    k.n++;
    if (read.named.has(r.concept)) k.named++;
    if (read.named.has(r.concept) || read.broader.has(r.concept)) k.broader++;
    if (read.named.size > 0) k.any++;
    kinds.set(kind, k);
    // Per concept, only the wordings that avoid its technical terms: where the lexicon's lay side shows.
    if (r.kind === "lay" || r.kind === "indirect" || r.kind === "nonnative") {
      const c = concepts.get(r.concept) ?? { n: 0, named: 0 };
      c.n++;
      if (read.named.has(r.concept)) c.named++;
      concepts.set(r.concept, c);
    }
  }
  return {
    byKind: [...kinds].map(([kind, k]) => ({
      kind,
      requests: k.n,
      named: k.named / k.n,
      namedOrBroader: k.broader / k.n,
      anyConcept: k.any / k.n,
    })),
    byConcept: [...concepts]
      .map(([concept, c]) => ({ concept, requests: c.n, named: c.named / c.n }))
      .sort((a, b) => a.named - b.named || (a.concept < b.concept ? -1 : 1)),
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log("Collab need reading: does the lexicon read the concept a request asks for?");
  console.log(
    `machine: ${cpus()[0]?.model ?? "unknown cpu"}, ${cpus().length} cores, ` +
      `${Math.round(totalmem() / 1024 ** 3)} GB RAM, node ${process.version}`,
  );
  const requests = loadRequests();
  const started = performance.now();
  const { byKind, byConcept } = readingFigures(requests);
  const ms = performance.now() - started;
  console.log(`\n${requests.length} requests, read in ${ms.toFixed(0)} ms`);
  console.log(
    `${pad("kind", 15)}${pad("requests", 10)}${pad("named", 8)}${pad("or broader", 12)}any concept`,
  );
  for (const k of byKind) {
    console.log(
      `${pad(k.kind, 15)}${pad(String(k.requests), 10)}${pad(k.named.toFixed(2), 8)}` +
        `${pad(k.namedOrBroader.toFixed(2), 12)}${k.anyConcept.toFixed(2)}`,
    );
  }
  console.log(
    '("none" rows: requests asking for no skill; "any concept" is the share wrongly read as asking for one)',
  );
  console.log("\nconcepts least often read from lay, indirect and non-native wordings:");
  for (const c of byConcept.slice(0, 15)) {
    console.log(`  ${pad(c.concept, 26)}${pad(c.named.toFixed(2), 6)}of ${c.requests}`);
  }
}
