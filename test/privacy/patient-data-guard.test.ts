// The patient-data guard, table-driven: identifiers are refused with their kinds only, research talk passes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createFreeTextGuard } from "../../src/core/free-text.ts";
import { plainText } from "../../src/core/message.ts";
import type { MemberEmails } from "../../src/core/ports.ts";
import {
  checkFreeText,
  emailsIn,
  isValidNhsNumber,
  IDENTIFIER_KINDS as K,
  refusalMessage,
  refusalText,
} from "../../src/core/privacy/patient-data-guard.ts";

const members = ["ada.okafor@example.org", "Bo.Lindqvist@example.org"];

/** [text, the kind that must be among the reasons] */
const refused: [string, string][] = [
  ["MRN 1234567 needs a follow-up scan", K.recordNumber],
  ["mrn: A7654321", K.recordNumber],
  ["hospital no. 55123456 was discussed at MDT", K.recordNumber],
  ["Patient ID 0098812 missed the visit", K.recordNumber],
  ["the pt in bed 4, 8812345, was admitted", K.recordNumber],
  ["NHS number 943 476 5919", K.nhsNumber],
  ["screening flagged 9434765919 again", K.nhsNumber],
  ["ref 943-476-5919 please check", K.nhsNumber],
  ["DOB 12/03/1956", K.dateOfBirth],
  ["d.o.b. 1956-03-12, female", K.dateOfBirth],
  ["born 12 March 1956 in Leeds", K.dateOfBirth],
  ["Date of birth: March 12, 1956", K.dateOfBirth],
  ["call me on 07700 900123 after clinic", K.phone],
  ["her number is +44 20 7946 0958", K.phone],
  ["ring 020 7946 0958", K.phone],
  ["(212) 555-0187 is the family contact", K.phone],
  ["US contact 212-555-0187", K.phone],
  ["SSN 123-45-6789", K.nationalId],
  ["the form had 078-05-1120 on it", K.nationalId],
  ["NI number AB123456C", K.nationalId],
  ["CE 12 34 56 B was on the letter", K.nationalId],
  ["passport no. 123456789", K.nationalId],
  ["write to john.doe@gmail.com about the results", K.email],
  ["cc carer.smith@nhs.net", K.email],
  ["patient John Smith is recruited", K.patientName],
  ["Patient Smith asked about the trial", K.patientName],
  ["pt John Smith no longer eligible", K.patientName],
  ["Mrs Patel, aged 54, consented today", K.patientName],
  ["Mr Jones, 72 years old, withdrew", K.patientName],
  ["John Smith, aged 54, was randomised", K.patientName],
  ["patient Mrs Okoye was seen", K.patientName],
  ["saw patient Ruth Ellery Tuesday", K.patientName],
  // Zero-width characters do not hide an identifier.
  ["MRN 12\u200B34567", K.recordNumber],
];

const passed: string[] = [
  "We have access to a cohort of 2,000 patients with type 2 diabetes",
  "Looking for a statistician for a phase 2 trial",
  "n=120 per arm, 80% power",
  "The 2026 grant deadline is close",
  "We are ISO 27001 certified",
  "Using version 3.2.1 of the pipeline",
  "Applying for an R01 grant in March 2026",
  "Participants aged 40–60 with hypertension",
  "ages 40-60, BMI 25–35",
  "Patient Public Involvement panel meets monthly",
  "patient-reported outcomes and quality of life",
  "Need help with survival analysis in NCT04567890",
  "PMID 31234567 is the key paper for our patients",
  "Budget £250,000 over 3 years, 1200000 records in the registry",
  "ORCID 0000-0002-1825-0097",
  "Ethics ref 21/LO/1234 approved on 12/03/2025",
  "p < 0.001, 95% CI 1.2–3.4",
  "Our trial recruited 1,250 patients across 14 hospitals",
  "Email ada.okafor@example.org or bo.lindqvist@example.org for the protocol",
  "Met Dr Smith from radiology about the imaging study",
  "Patients aged 65 and over were excluded",
  "We collect date of birth in the CRF, but it stays in REDCap",
  "ISBN 978-3-16-148410-0 is the handbook",
  "Weekly meeting at 10:30, room 2.14",
  "Mr Smith from finance approved the budget",
  "Analysing 12 million admissions from 2010 to 2020",
  "Patient Safety Research Collaborative bid due 2026-03-31",
  "Doubled recruitment to 48 participants this month",
  "Patient Advocacy Group Forum meets on Tuesday",
  "Our Patient Advocacy lead joined the steering group",
];

describe("patient-data guard", () => {
  it("has at least 40 cases, half refused and half passed", () => {
    expect(refused.length + passed.length).toBeGreaterThanOrEqual(40);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(passed.length).toBeGreaterThanOrEqual(20);
  });

  it.each(refused)("refuses %j", (text, kind) => {
    const verdict = checkFreeText(text, { memberEmails: members });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reasons).toContain(kind);
    // The reasons name kinds only, never a fragment of the text.
    for (const reason of verdict.reasons) expect(Object.values(K)).toContain(reason);
  });

  it.each(passed)("lets %j through", (text) => {
    expect(checkFreeText(text, { memberEmails: members })).toEqual({ ok: true });
  });

  it("lets every profile and need of the matching fixtures through (ordinary research talk)", () => {
    const texts: string[] = [];
    const walk = (value: unknown, key = ""): void => {
      // Email addresses are refused without a member list by design; everything else must pass.
      if (typeof value === "string" && !/^\S+@\S+$/.test(value) && !/^id$|Ids?$/.test(key)) texts.push(value);
      else if (Array.isArray(value)) for (const item of value) walk(item, key);
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    for (const name of ["needs.json", "profiles.json"]) {
      walk(JSON.parse(readFileSync(new URL(`../fixtures/matching/${name}`, import.meta.url), "utf8")));
    }
    expect(texts.length).toBeGreaterThan(500);
    const refusedTexts = texts.filter((text) => !checkFreeText(text).ok);
    expect(refusedTexts).toEqual([]);
  });

  it("treats every email address as a non-member's when no members are given", () => {
    expect(checkFreeText("ada.okafor@example.org")).toEqual({ ok: false, reasons: [K.email] });
  });

  it("checks NHS numbers with the mod-11 check digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(checkFreeText("screening flagged 9434765918")).toEqual({ ok: true });
    // Spaced 3-3-4 digits still look like a phone number, checksum or not.
    expect(checkFreeText("see 943 476 5918")).toEqual({ ok: false, reasons: [K.phone] });
  });

  it("survives very long and odd input quickly", () => {
    const started = Date.now();
    const long = `${"1-".repeat(10_000)}\u202Eabc' OR 1=1; --${"a ".repeat(10_000)}`;
    for (const text of [
      long,
      "9".repeat(20_000),
      "a.".repeat(10_000),
      "x@".repeat(10_000),
      "Mr Smith ".repeat(2_000),
    ]) {
      checkFreeText(text);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("asks kindly to rephrase, naming the kinds but never the text", () => {
    const message = refusalMessage([K.dateOfBirth, K.phone]);
    const shown = message.blocks.map((b) => ("text" in b ? plainText(b.text) : "")).join(" ");
    expect(shown).toContain("date of birth or phone number");
    expect(shown).toMatch(/rephrase|say it again/i);
    expect(refusalText([K.recordNumber])).toContain("medical record number");
    expect(refusalText([K.recordNumber]).length).toBeLessThan(150);
  });

  describe("with the members' addresses from a MemberEmails port", () => {
    const known = new Set(["ada.okafor@northfield.example.org", "sam.lee@eastbrook.example"]);
    const asked: string[][] = [];
    const port: MemberEmails = {
      async membersAmong(emails) {
        asked.push([...emails]);
        return new Set(emails.filter((email) => known.has(email)));
      },
    };
    const guard = createFreeTextGuard(port);

    it.each([
      ["a member's address passes", "ask ada.okafor@northfield.example.org for the cohort", true],
      [
        "two members' addresses pass",
        "ada.okafor@northfield.example.org and sam.lee@eastbrook.example",
        true,
      ],
      ["a member's address in capitals passes", "cc Ada.Okafor@Northfield.Example.ORG", true],
      ["an unknown address is refused", "write to john.doe@gmail.com about the results", false],
      [
        "an unknown address beside a member's is refused",
        "sam.lee@eastbrook.example cc carer@nhs.net",
        false,
      ],
      [
        "a member's address does not excuse another identifier",
        "ada.okafor@northfield.example.org, DOB 14/07/1961",
        false,
      ],
      ["text without an address passes without asking", "a cohort of 2,000 patients", true],
    ])("%s", async (_case, text, ok) => {
      const verdict = await guard.check(text);
      expect(verdict.ok).toBe(ok);
      if (!verdict.ok) {
        expect(verdict.reason).toMatch(/rephrase/);
        expect(verdict.reason).not.toContain("@");
      }
    });

    it("asks only about the addresses in the text, lower-cased, each once", async () => {
      asked.length = 0;
      await guard.check("Sam.Lee@Eastbrook.example, sam.lee@eastbrook.example and the ward");
      await guard.check("no addresses here");
      expect(asked).toEqual([["sam.lee@eastbrook.example"]]);
      // A zero-width character does not hide an address from the question (nor from the guard).
      expect(emailsIn("x\u200B@y.org or A@b.co.uk")).toEqual(["x@y.org", "a@b.co.uk"]);
    });

    it("without a port refuses every address", async () => {
      expect((await createFreeTextGuard().check("ada.okafor@northfield.example.org")).ok).toBe(false);
    });
  });
});
