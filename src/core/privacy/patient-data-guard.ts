// The patient-data guard: refuses free text that holds likely patient identifiers, naming only the kinds found.
import type { Message } from "../message.ts";

export type GuardVerdict = { ok: true } | { ok: false; reasons: string[] };

export interface GuardContext {
  /** Addresses of people the bot knows (members); any other email address in the text is refused. */
  memberEmails?: readonly string[];
}

/** The kinds of identifier the guard names; never the matched text. */
export const IDENTIFIER_KINDS = {
  recordNumber: "medical record number",
  nhsNumber: "NHS number",
  dateOfBirth: "date of birth",
  phone: "phone number",
  nationalId: "national id or social security number",
  email: "email address of someone who is not a member",
  patientName: "patient name",
} as const;

type Kind = (typeof IDENTIFIER_KINDS)[keyof typeof IDENTIFIER_KINDS];

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** 12/03/1956, 12-3-56, 1956-03-12, 12 March 1956, 12th Mar 1956, March 12, 1956. */
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{2,4}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;

const dateOfBirth = new RegExp(
  `(?:\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|\\bdate\\s+of\\s+birth\\b|\\bbirth\\s?date\\b|\\bborn\\b(?:\\s+on)?)\\s*[:=-]?\\s*(?:is\\s+|was\\s+)?${DATE}`,
  "i",
);

const recordKeyword =
  /\b(?:MRN|M\.R\.N\.?|medical\s+records?\s+(?:number|no\.?|#)|med\.?\s+rec(?:ord)?\.?\s+(?:number|no\.?|#)|hospital\s+(?:number|no\.?|#|id)|hosp\.?\s+(?:number|no\.?|#)|patient\s+(?:id|number|no\.?|#)|unit\s+(?:number|no\.?)|case\s+(?:number|no\.?)|chart\s+(?:number|no\.?|#)|record\s+(?:number|no\.?|#)|CHI\s+(?:number|no\.?)|NHI|URN)(?:\s*(?:number|no\.?|is|was|of))?\s*[:#=-]?\s*[A-Z]{0,4}[\s-]?\d(?:[\s-]?\d){4,}/i;

const nhsKeyword = /\bNHS\s*(?:number|no\.?|#)\s*(?:is|was)?\s*[:#=-]?\s*\d(?:[\s-]?\d){8,}/i;
/** 3-3-4 digits with spaces, hyphens or nothing between: checked against the mod-11 check digit. */
const tenDigits = /(?<![\d.,/-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d.,/-]?\d)/g;

const usSsn = /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/;
const ssnKeyword = /\b(?:SSN|social\s+security\s+(?:number|no\.?|#)?)\s*[:#=-]?\s*\d(?:[\s-]?\d){8}\b/i;
/** UK National Insurance number: two letters (some never issued), six digits, a letter A–D. */
const ukNino =
  /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/;
const idKeyword =
  /\b(?:national\s+(?:insurance|id(?:entity)?)\s*(?:number|no\.?|card)?|NI\s+(?:number|no\.?)|NINO|passport\s*(?:number|no\.?|#)?|medicare\s*(?:number|no\.?|#)?|health\s+card\s*(?:number|no\.?|#)?|insurance\s+(?:number|no\.?|#)|personnummer|SIN)\s*(?:is|was)?\s*[:#=-]?\s*[A-Z]{0,3}\s?\d(?:[\s-]?[\dA-Z]){5,}/i;

const internationalPhone = /(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{5,16}\d(?![\d-])/g;
const ukPhone = /(?<![\d.,/-])0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d.,/-]?\d)/g;
const usPhone = /(?<![\d.,/-])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d.,/-]?\d)/;
const phoneKeyword =
  /\b(?:tel|telephone|phone|mobile|mob|cell|pager|bleep|call\s+(?:me|him|her|them)?\s*(?:on|at)|ring\s+(?:me|him|her|them)?\s*on|text\s+(?:me|him|her|them)?\s*on|whatsapp)\b\.?\s*(?:no\.?|number|#)?\s*[:=-]?\s*\+?\(?\d[\d\s().-]{5,}\d/i;

/** An email address is found from each "@" outwards, with bounded parts: a scan from every start would be quadratic. */
const emailLocal = /[A-Za-z0-9._%+-]{1,64}$/;
const emailDomain = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/;

const clinicalContext =
  /\b(?:patients?|pts?|admitted|admission|ward|bed|discharged?|clinic|chart|hospital|diagnosed|referral|referred|A&E|ICU|ED)\b/i;
/** A long run of digits: in a clinical context most likely a record number. */
const longDigitRun = /(?<![\w.,/-])\d{7,12}(?![\w]|[.,/-]\d)/g;
const researchIdBefore =
  /\b(?:PMID|PMCID|DOI|ISRCTN|NCT|EudraCT|IRAS|REC|ORCID|ISBN|ISSN|grant|award|ref(?:erence)?|protocol|project|study|trial|registration|funder|budget|£|\$|€)\W{0,4}$/i;
const countAfter =
  /^\s*(?:patients|participants|people|persons|individuals|records|subjects|cases|samples|admissions|episodes|visits|images|scans|genomes|cells|reads|rows|lives|adults|children|women|men|members)\b/i;

const NAME = "[A-Z][a-z'’-]+";
/** Capitalised words that follow "Patient" in research talk, not names. */
const notNames = new Set(
  (
    "Public Reported Safety Experience Experiences Advisory Involvement Outcome Outcomes Partner Partners Panel " +
    "Information Care Record Records Pathway Pathways Recruitment Engagement Voice Voices Participation Group Groups " +
    "Forum Representative Representatives Research Led Centred Centered Education Data Registry Level Journey Flow " +
    "Portal Access Consent Selection Population Characteristics Preference Preferences Satisfaction Perspective " +
    "Perspectives Support Day Days Numbers Zero One Two Three And The With In Of For On At To From Leaders Leader " +
    "Ambassador Ambassadors Council Network Networks Liaison Services Service Advice Charter Survey Surveys " +
    "Identifiable Identifier Identifiers Level Registry Cohort Cohorts Study Studies Trial Trials Safety Harm " +
    "Flow Navigator Navigators Participant Participants Population Populations Summary Summaries Sample Samples " +
    "Advocacy Advocate Advocates Benefit Benefits Empowerment Organisation Organisations Organization Organizations " +
    "Relations Wellbeing Decision Decisions Aid Aids Notes Note Feedback Stories Story Priorities Priority Needs " +
    "Choice Choices Facing Activation Adherence Burden Management Identification Monitoring Partnership Partnerships " +
    "Insight Insights Knowledge Review Reviews Centricity Focused Journeys Feedback Lay Contributors Contributor"
  ).split(" "),
);
const notFirstNames = new Set(
  (
    "Participants Patients Women Men Adults Children People Persons Subjects Individuals Older Young Younger " +
    "Cohort Controls Cases Volunteers Infants Adolescents Mothers Fathers Veterans Smokers Residents Workers " +
    "All Most Those These Some Many Healthy Male Female Boys Girls Teenagers Babies Clinicians Staff Doctors Nurses"
  ).split(" "),
);

const patientName = new RegExp(
  `\\b(?:patient|pt\\.?)(?:\\s+(?:called|named|is|was|[:,-]))?\\s+(${NAME})(?:\\s+(${NAME}))?`,
  "gi",
);
const titleSurname = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\\.?\\s+(${NAME})`, "g");
const namedWithAge = new RegExp(
  `\\b(${NAME})\\s+(${NAME}),?\\s*(?:\\(|-|–)?\\s*(?:aged?|age:?)\\s*\\d{1,3}\\b`,
  "g",
);
const ageNearby =
  /\b(?:aged?|age:?)\s*\d{1,3}\b|\b\d{1,3}\s*-?\s*(?:y\/?o|yo|yrs?|years?)(?:\s*-?\s*old)?\b|\b(?:admitted|bed|ward|diagnosed|discharged|presented|DOB|d\.o\.b)\b/i;

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/** NHS number check digit: weights 10 down to 2 on the first nine digits, 11 minus the sum mod 11 (11 is 0, 10 invalid). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

function findNhsNumber(text: string): boolean {
  if (nhsKeyword.test(text)) return true;
  for (const match of text.matchAll(tenDigits)) {
    const digits = `${match[1]}${match[2]}${match[3]}`;
    // 000 000 0000 and friends pass the checksum but are not issued.
    if (!/^(\d)\1{9}$/.test(digits) && isValidNhsNumber(digits)) return true;
  }
  return false;
}

function findPhone(text: string): boolean {
  if (phoneKeyword.test(text) || usPhone.test(text)) return true;
  for (const match of text.matchAll(internationalPhone)) {
    const n = digitsOf(match[0]).length;
    if (n >= 8 && n <= 15) return true;
  }
  for (const match of text.matchAll(ukPhone)) {
    const n = digitsOf(match[0]).length;
    if (n >= 10 && n <= 11) return true;
  }
  return false;
}

function findRecordNumber(text: string): boolean {
  if (recordKeyword.test(text)) return true;
  if (!clinicalContext.test(text)) return false;
  for (const match of text.matchAll(longDigitRun)) {
    const at = match.index ?? 0;
    const run = match[0];
    if (/000$/.test(run)) continue; // a round count, not a record number
    if (researchIdBefore.test(text.slice(Math.max(0, at - 24), at))) continue;
    if (countAfter.test(text.slice(at + run.length))) continue;
    return true;
  }
  return false;
}

/** Zero-width and other format characters must not split an identifier past the patterns. */
function plainOf(text: string): string {
  return text.normalize("NFKC").replace(/[\u00AD\u200B-\u200F\u2060\uFEFF]/g, "");
}

function emailsInPlain(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    const local = emailLocal.exec(text.slice(Math.max(0, at - 64), at))?.[0];
    const domain = emailDomain.exec(text.slice(at + 1, at + 1 + 320))?.[0];
    if (local && domain) found.push(`${local}@${domain}`.toLowerCase());
  }
  return found;
}

/** The email addresses in a text, lower-cased, as the guard sees them: to ask which belong to members. */
export function emailsIn(text: string): string[] {
  return [...new Set(emailsInPlain(plainOf(text)))];
}

function findPatientName(text: string): boolean {
  for (const match of text.matchAll(patientName)) {
    const first = match[1] ?? "";
    const second = match[2];
    const isPt = /^pt/i.test(match[0]);
    // "pt" is too short to trust alone: it needs a first and a last name.
    if (isPt && !(second && /^[A-Z]/.test(second))) continue;
    if (/^(?:Mr|Mrs|Ms|Miss|Mx|Master)$/.test(first)) return true;
    if (!/^[A-Z]/.test(first) || notNames.has(first)) continue;
    if (second && notNames.has(second)) continue;
    // "Patient" and two more capitalised words in a row are a title ("Patient Advocacy Group"), not a name.
    const after = text.slice((match.index ?? 0) + match[0].length);
    if (/^P/.test(match[0]) && second && /^[A-Z]/.test(second) && /^\s+[A-Z][a-z]/.test(after)) continue;
    return true;
  }
  for (const match of text.matchAll(titleSurname)) {
    const at = match.index ?? 0;
    const around = text.slice(Math.max(0, at - 40), at + match[0].length + 40);
    if (ageNearby.test(around)) return true;
  }
  for (const match of text.matchAll(namedWithAge)) {
    const first = match[1] ?? "";
    const second = match[2] ?? "";
    if (!notFirstNames.has(first) && !notNames.has(first) && !notNames.has(second)) return true;
  }
  return false;
}

/**
 * Checks free text that the bot would store or forward for likely patient identifiers. The answer names the kinds
 * of identifier found, never the text that matched, so it may be logged or shown.
 */
export function checkFreeText(text: string, context: GuardContext = {}): GuardVerdict {
  const plain = plainOf(text);
  const members = new Set((context.memberEmails ?? []).map((e) => e.trim().toLowerCase()));
  const found: Kind[] = [];
  if (findRecordNumber(plain)) found.push(IDENTIFIER_KINDS.recordNumber);
  if (findNhsNumber(plain)) found.push(IDENTIFIER_KINDS.nhsNumber);
  if (dateOfBirth.test(plain)) found.push(IDENTIFIER_KINDS.dateOfBirth);
  if (usSsn.test(plain) || ssnKeyword.test(plain) || ukNino.test(plain) || idKeyword.test(plain)) {
    found.push(IDENTIFIER_KINDS.nationalId);
  }
  if (findPhone(plain)) found.push(IDENTIFIER_KINDS.phone);
  if (emailsInPlain(plain).some((email) => !members.has(email))) found.push(IDENTIFIER_KINDS.email);
  if (findPatientName(plain)) found.push(IDENTIFIER_KINDS.patientName);
  return found.length === 0 ? { ok: true } : { ok: false, reasons: found };
}

function listOf(reasons: readonly string[]): string {
  if (reasons.length <= 1) return reasons[0] ?? "";
  return `${reasons.slice(0, -1).join(", ")} or ${reasons.at(-1)}`;
}

/** One short sentence for a form field's error: names the kinds found, never the text. */
export function refusalText(reasons: readonly string[] = []): string {
  const what = reasons.length > 0 ? ` (it looks like a ${listOf(reasons)})` : "";
  return `This may identify a patient${what}. Please rephrase without identifiers; nothing was saved.`;
}

/** A kind request to rephrase without identifiers; the text itself is neither repeated nor kept. */
export function refusalMessage(reasons: readonly string[] = []): Message {
  const what =
    reasons.length > 0
      ? `It looks like it may contain a ${listOf(reasons)}. `
      : "It may contain patient details. ";
  return {
    summary: "Please rephrase without patient identifiers.",
    blocks: [
      {
        type: "text",
        text: [
          { bold: "I didn't save that." },
          ` ${what}Chat is not a place for patient data, so I keep out anything that could identify a patient.`,
        ],
      },
      {
        type: "text",
        text: 'Could you say it again without names, record or NHS numbers, dates of birth, phone numbers or addresses? Something like "recruited two more participants this week" is perfect.',
      },
      { type: "context", text: "Your text was not stored, logged or sent anywhere." },
    ],
  };
}
