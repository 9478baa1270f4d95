// Reads the lexicon's compact text form into concepts: "id > broader broader = label" then indented "term; term" lines.
import type { Concept } from "../thesaurus.ts";

/**
 * One concept per block. Its head line starts at the margin: `falls > older-people = falls and falls prevention`
 * (the broader concepts and the label are optional). The indented lines below it hold its entry terms separated by
 * semicolons: technical names first, then how a ward nurse, a patient or a non-native speaker says it, then the
 * problems that imply it. Lines starting with # are comments.
 */
export function parseConcepts(text: string): Concept[] {
  const out: { id: string; label: string; terms: string[]; broader: string[] }[] = [];
  let current: { id: string; label: string; terms: string[]; broader: string[] } | undefined;
  for (const raw of text.split("\n")) {
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    if (!/^\s/.test(raw)) {
      const head = /^([a-z0-9-]+)\s*(?:>\s*([a-z0-9 -]+?))?\s*(?:=\s*(.+))?$/.exec(raw.trim());
      if (!head) throw new Error(`lexicon line "${raw}" is not "id > broader = label": fix its head line`);
      current = {
        id: head[1]!,
        label: head[3]?.trim() ?? head[1]!.replace(/-/g, " "),
        terms: [],
        broader: head[2] ? head[2].split(/\s+/).filter(Boolean) : [],
      };
      out.push(current);
      continue;
    }
    if (!current)
      throw new Error(`lexicon terms "${raw.trim()}" come before any concept: start with a head line`);
    for (const term of raw.split(";")) if (term.trim()) current.terms.push(term.trim());
  }
  return out.map((c) => ({
    id: c.id,
    label: c.label,
    terms: c.terms,
    ...(c.broader.length > 0 ? { broader: c.broader } : {}),
  }));
}

/** Concepts with the same id merged: terms and broader concepts joined, the first label kept. */
export function mergeConcepts(...lists: readonly (readonly Concept[])[]): Concept[] {
  const byId = new Map<string, { id: string; label: string; terms: string[]; broader: string[] }>();
  for (const list of lists) {
    for (const c of list) {
      const known = byId.get(c.id);
      if (!known) {
        // copy so that merging never changes the lists given
        byId.set(c.id, { id: c.id, label: c.label, terms: [...c.terms], broader: [...(c.broader ?? [])] });
        continue;
      }
      for (const t of c.terms) if (!known.terms.includes(t)) known.terms.push(t);
      for (const b of c.broader ?? []) if (!known.broader.includes(b)) known.broader.push(b);
    }
  }
  return [...byId.values()].map((c) => ({
    id: c.id,
    label: c.label,
    terms: c.terms,
    ...(c.broader.length > 0 ? { broader: c.broader } : {}),
  }));
}
