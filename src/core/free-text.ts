// The one place that free text is checked before the bot stores it (needs, profile entries): the patient-data guard.
import type { MemberEmails } from "./ports.ts";
import {
  emailsIn,
  type GuardContext,
  checkFreeText as guard,
  refusalText,
} from "./privacy/patient-data-guard.ts";

/** ok, or a short request to rephrase that names no part of the text. */
export type FreeTextVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Every piece of free text that the bot stores passes through here first. The patient-data guard of DESIGN.md
 * ("Privacy in a clinical setting") refuses text with likely patient identifiers; the reason names kinds only.
 */
export function checkFreeText(text: string, context?: GuardContext): FreeTextVerdict {
  const verdict = guard(text, context);
  return verdict.ok ? { ok: true } : { ok: false, reason: refusalText(verdict.reasons) };
}

/** The guard as features use it: members' email addresses pass, anyone else's are refused. */
export interface FreeTextGuard {
  check(text: string): Promise<FreeTextVerdict>;
}

/** Without `members` every email address counts as a non-member's (the strict guard). */
export function createFreeTextGuard(members?: MemberEmails): FreeTextGuard {
  return {
    async check(text) {
      const emails = members ? emailsIn(text) : [];
      const memberEmails = emails.length > 0 ? [...(await members!.membersAmong(emails))] : [];
      return checkFreeText(text, { memberEmails });
    },
  };
}

/** For features built without a member list (unit tests): refuses every email address. */
export const strictFreeTextGuard: FreeTextGuard = createFreeTextGuard();
