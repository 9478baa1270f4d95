// How well the lexicon reads the concept a request asks for, on requests written by people who never read it
// (test/fixtures/need-requests): floors a little below what it reads today, so a lexicon change that loses lay
// readings fails here, and the file's integrity (every label a lexicon concept, every line three fields).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequests, readingFigures } from "../../bench/need-reading.ts";
import { lexicon } from "../../src/core/matching/lay-lexicon.ts";

const requests = loadRequests();
const figures = readingFigures(requests);

describe("reading the concept a request asks for", () => {
  it("labels every request with a concept of the lexicon, or none", () => {
    const ids = new Set(lexicon.map((c) => c.id));
    const unknown = [...new Set(requests.map((r) => r.concept))].filter((c) => c !== "none" && !ids.has(c));
    expect(unknown).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(5_800);
  });

  it("reads the asked concept from lay, indirect and non-native wording at least as often as today", () => {
    const byKind = new Map(figures.byKind.map((k) => [k.kind, k]));
    expect(byKind.get("plain")!.named).toBeGreaterThanOrEqual(0.95);
    expect(byKind.get("mentoring")!.named).toBeGreaterThanOrEqual(0.78);
    expect(byKind.get("complementary")!.named).toBeGreaterThanOrEqual(0.44);
    expect(byKind.get("lay")!.named).toBeGreaterThanOrEqual(0.29);
    expect(byKind.get("nonnative")!.named).toBeGreaterThanOrEqual(0.25);
    expect(byKind.get("indirect")!.named).toBeGreaterThanOrEqual(0.23);
  });

  it("reads few messages that ask for no skill as asking for one", () => {
    const none = figures.byKind.find((k) => k.kind === "none")!;
    expect(none.requests).toBe(160);
    expect(none.anyConcept).toBeLessThanOrEqual(0.2);
  });

  it("names the line of a malformed file", () => {
    const dir = mkdtempSync(join(tmpdir(), "need-requests-"));
    try {
      const path = join(dir, "bad.tsv");
      writeFileSync(path, "trials\tlay\tok\nmissing tabs here\n");
      expect(() => loadRequests(path)).toThrow(/line 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
