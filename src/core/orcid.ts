// ORCID iDs: reads the forms people paste (bare, with spaces, or as an orcid.org link) and checks the ISO 7064 MOD 11-2 digit.

const ORCID_SHAPE = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$/;
const ORCID_PREFIX = /^(?:https?:\/\/)?(?:www\.)?(?:sandbox\.)?orcid\.org\//i;

/** The check character of the first 15 digits, as ORCID computes it (ISO 7064 MOD 11-2). */
export function orcidCheckCharacter(digits: string): string {
  let total = 0;
  for (const digit of digits) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? "X" : String(result);
}

/**
 * The iD in its canonical form (0000-0002-1825-0097), or null when the text is not an ORCID iD or its check
 * character is wrong (a mistyped digit).
 */
export function normaliseOrcid(text: string): string | null {
  const compact = text.trim().replace(ORCID_PREFIX, "").replace(/\s+/g, "").toUpperCase();
  const parts = ORCID_SHAPE.exec(compact);
  if (!parts) return null;
  const digits = `${parts[1]}${parts[2]}${parts[3]}${parts[4]}`;
  if (orcidCheckCharacter(digits.slice(0, 15)) !== digits[15]) return null;
  return `${parts[1]}-${parts[2]}-${parts[3]}-${parts[4]}`;
}

/** Why a typed value is not an ORCID iD, for a person who can fix it. */
export function orcidProblem(text: string): string {
  const compact = text.trim().replace(ORCID_PREFIX, "").replace(/\s+/g, "").toUpperCase();
  return ORCID_SHAPE.test(compact)
    ? "its last character does not match the others (a digit is mistyped)"
    : "it is not 16 digits like 0000-0002-1825-0097";
}
