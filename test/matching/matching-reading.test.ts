// How a need is read apart from the scene it sets, how the concept lexicon reads lay words, and what that changes in
// the ranking (on the second tuning set, written from general knowledge).
import { describe, expect, it } from "vitest";
import { evaluationNow, loadSet } from "../../bench/match-quality.ts";
import { analyseText } from "../../src/core/matching/analyse-text.ts";
import { createMatchIndex } from "../../src/core/matching/create-match-index.ts";
import { mergeConcepts, parseConcepts } from "../../src/core/matching/lexicon/parse-concepts.ts";
import { readNeed, splitAsk } from "../../src/core/matching/read-need.ts";

const concepts = (text: string) =>
  analyseText(text)
    .filter((u) => !u.broader && u.unit.startsWith("c:"))
    .map((u) => u.unit.slice(2));

describe("reading the ask apart from the scene", () => {
  it("starts the ask at a new sentence or clause that asks for someone, not mid-clause", () => {
    expect(splitAsk("On our ward we have falls at night. Is there anyone who could help?")).toEqual({
      before: "On our ward we have falls at night. ",
      ask: "Is there anyone who could help?",
    });
    expect(
      splitAsk("Patients keep coming back within a month and I want someone who can tell us why").ask,
    ).toBe("I want someone who can tell us why");
    expect(splitAsk("help working out how many patients we need to show it is better").before).toBe("");
    expect(splitAsk("someone to get a computer to spot falls").before).toBe("");
  });

  it("reads what the requester brings in more ways: curly apostrophes, 'as a …', 'the bit we can't do'", () => {
    // What the requester has ends with its sentence (or clause after ";"): the ask starts with the next one.
    expect(readNeed("I’ve built a model; I need clinicians to test it").has).toBe("I've built a model;");
    expect(
      readNeed("As a health economist I can build the model. I am looking for a heart failure team").ask,
    ).toBe("I am looking for a heart failure team");
    expect(readNeed("We've got ECG recordings. The bit we can't do is the machine learning")).toEqual({
      ask: "The bit we can't do is the machine learning",
      has: "We've got ECG recordings.",
    });
    expect(
      readNeed("We've got cameras on the ward. Could a computer spot when someone has fallen?").ask,
    ).toBe("Could a computer spot when someone has fallen?");
  });
});

describe("the concept lexicon", () => {
  it("parses the compact form, merges by id and says what to fix in a bad line", () => {
    const parsed = parseConcepts(
      "falls > older-people = falls prevention\n  falls; fall risk\n# a comment\nsleep\n  insomnia",
    );
    expect(parsed).toEqual([
      { id: "falls", label: "falls prevention", terms: ["falls", "fall risk"], broader: ["older-people"] },
      { id: "sleep", label: "sleep", terms: ["insomnia"] },
    ]);
    expect(
      mergeConcepts(parsed, [
        { id: "sleep", label: "x", terms: ["sleep apnoea"], broader: ["respiratory"] },
      ])[1],
    ).toEqual({
      id: "sleep",
      label: "sleep",
      terms: ["insomnia", "sleep apnoea"],
      broader: ["respiratory"],
    });
    expect(() => parseConcepts("  orphan term")).toThrow(/start with a head line/);
    expect(() => parseConcepts("Bad Head!")).toThrow(/fix its head line/);
  });

  it("reads lay words and patterns as the method they imply, keeping what a wildcard stands for", () => {
    expect(concepts("someone to get a computer to spot falls on our ward cameras")).toEqual(
      expect.arrayContaining(["machine-learning", "image-analysis", "falls"]),
    );
    expect(concepts("who can check our questionnaire really measures anxiety")).toContain("psychometrics");
    expect(concepts("our trial keeps missing its recruitment target")).toContain("recruitment");
    expect(concepts("know which babies will need intensive care")).toEqual(
      expect.arrayContaining(["prediction-models", "paediatrics"]),
    );
    expect(concepts("is the new pump service worth the extra money")).toContain("health-economics");
  });

  it("does not let a common word stand for a concept its stem happens to share", () => {
    expect(concepts("Research programme coordinator")).not.toContain("software");
    expect(concepts("questionnaire development")).not.toContain("software");
    expect(concepts("knowledge mobilisation")).toEqual(["implementation-science"]);
    expect(concepts("rapid response teams")).not.toContain("psychometrics");
    expect(concepts("community mental health")).not.toContain("health-communication");
    expect(concepts("we'd like to know")).toEqual([]);
    expect(concepts("e-health")).toEqual(["digital-health"]);
  });
});

describe("ranking needs worded the way clinicians ask", () => {
  const set = loadSet("matching-tuning-2");
  const index = createMatchIndex(set.profiles);
  const byId = new Map(set.profiles.map((p) => [p.id, p]));
  const top = (requesterId: string, need: string, n = 3) =>
    index.suggest(byId.get(requesterId)!, need, { now: evaluationNow, limit: n }).map((s) => s.personId);

  it("ranks on the ask of a need that sets the scene first, not on the clinical words of the scene", () => {
    const shown = top(
      "t06",
      "On our ward we have a lot of falls at night, especially older patients who get confused. Is there anyone who could help us use cameras or sensors to spot a fall early?",
    );
    expect(["t04", "t11", "t40"]).toContain(shown[0]);
    for (const clinician of ["t15", "t47", "t44"]) expect(shown).not.toContain(clinician);
  });

  it("asks for the method named after a clinical area ('… and we don't understand why')", () => {
    const shown = top(
      "t49",
      "Young people with type 1 diabetes stop using their insulin pumps and we don't understand why",
    );
    expect(["t08", "t52", "t36", "t09"]).toContain(shown[0]);
  });

  it("ranks mentors on the topic of a mentoring ask", () => {
    expect(top("t40", "PhD student here, would be great to have a mentor who knows clinical AI")[0]).toBe(
      "t43",
    );
  });

  it("shows the other half when the requester says what they bring, even with a lay ask", () => {
    const shown = top(
      "t46",
      "We've got ECG recordings from thousands of patients. The bit we can't do is the machine learning",
    );
    expect(shown).toContain("t43");
    for (const cardiology of ["t26", "t45"]) expect(shown).not.toContain(cardiology);
  });

  it("shows nobody for a need that shares one ordinary word with a profile", () => {
    expect(top("t06", "someone to help organise our christmas party", 5)).toEqual([]);
  });
});
