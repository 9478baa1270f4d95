// `/collab away <from> <to> [reason]`, `/collab away clear` and the away form: leave and rotas (a week on call or
// on nights) on which no check-in prompt or reminder comes. Partners see "away until …", never the reason.

import type { ActionContext, CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import { formatDate, parseIsoDate, todayIn } from "../local-date.ts";
import { type Form, formAgain } from "../message.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import type { AwayEntry, AwayStore } from "./away-port.ts";

export const AWAY_SAVE_ACTION = "away.save";

/** Leave is planned within a year; longer absences are what opt-out is for. */
export const MAX_AWAY_DAYS = 366;

const DAY_MS = 86_400_000;
const NO_PROFILE = "I don't know you yet: create a profile first, then tell me when you are away.";

export interface AwayFeatureDeps {
  away: AwayStore;
  freeText: FreeTextGuard;
}

type Parsed = { ok: true; entry: AwayEntry } | { ok: false; errors: Record<string, string> };

const span = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** Checks the dates and the reason (length, then the patient-data guard); each problem beside its field. */
async function readAway(
  fromText: string,
  toText: string,
  reasonText: string,
  today: string,
  guard: FreeTextGuard,
): Promise<Parsed> {
  const errors: Record<string, string> = {};
  const from = parseIsoDate(fromText);
  const to = parseIsoDate(toText);
  if (!from) errors.from = "Please give the first day away as YYYY-MM-DD, e.g. 2026-12-21.";
  if (!to) errors.to = "Please give the last day away as YYYY-MM-DD, e.g. 2027-01-03.";
  if (from && to) {
    if (to < from) errors.to = "The last day comes before the first.";
    else if (to < today) errors.to = "That is all in the past.";
    else if (span(from, to) > MAX_AWAY_DAYS)
      errors.to = `At most ${MAX_AWAY_DAYS} days at a time; for longer, opt out and resume when you are back.`;
  }
  const reason = reasonText.replace(/\s+/g, " ").trim();
  if (reason.length > TEXT_LIMITS.awayReason)
    errors.reason = `Please keep the reason under ${TEXT_LIMITS.awayReason} characters.`;
  else if (reason) {
    const verdict = await guard.check(reason);
    if (!verdict.ok) errors.reason = verdict.reason;
  }
  if (Object.keys(errors).length > 0 || !from || !to) return { ok: false, errors };
  return { ok: true, entry: { from, to, reason: reason || null } };
}

function awayForm(entries: readonly AwayEntry[]): Form {
  const listed = entries.map(
    (e) => `• ${formatDate(e.from)} – ${formatDate(e.to)}${e.reason ? ` (${e.reason})` : ""}`,
  );
  return {
    title: "Away",
    submitActionId: AWAY_SAVE_ACTION,
    submitLabel: "Save",
    blocks: [
      {
        type: "text",
        text: "No check-in prompts or reminders reach you on these days. Your partners see “away until …”; the reason is for you only.",
      },
      ...(listed.length > 0
        ? [{ type: "context" as const, text: `Already away:\n${listed.join("\n")}` }]
        : []),
      { type: "text-input", id: "from", label: "First day away", placeholder: "YYYY-MM-DD", maxLength: 10 },
      { type: "text-input", id: "to", label: "Last day away", placeholder: "YYYY-MM-DD", maxLength: 10 },
      {
        type: "text-input",
        id: "reason",
        label: "Reason (only you see it)",
        placeholder: "e.g. annual leave, on call, nights",
        maxLength: TEXT_LIMITS.awayReason,
        optional: true,
      },
    ],
  };
}

const savedText = (entry: AwayEntry) =>
  `Noted: away from ${formatDate(entry.from)} to ${formatDate(entry.to)}. No check-in prompts or reminders those days; your partners see “away until ${formatDate(entry.to)}”, never the reason.`;

export function createAwayFeature(deps: AwayFeatureDeps): CoreFeature {
  const { away } = deps;

  async function command(context: CommandContext): Promise<Reply> {
    if (!context.personId) return textReply(NO_PROFILE);
    const usage = commandUsage(context.actor.door, "away");
    const { zone, entries } = await away.awayOf(context.personId, context.now);
    const today = todayIn(context.now, zone);
    const args = context.args.trim();
    if (args === "") return { kind: "form", form: awayForm(entries) };
    if (/^(clear|back|none)$/i.test(args)) {
      const cleared = await away.clear(context.personId, today);
      return textReply(
        cleared > 0
          ? "Welcome back: check-in prompts and reminders reach you again."
          : "You had no days away to clear.",
      );
    }
    const [fromText = "", toText = "", ...rest] = args.split(/\s+/);
    const parsed = await readAway(fromText, toText, rest.join(" "), today, deps.freeText);
    if (!parsed.ok) {
      const problems = Object.values(parsed.errors).join(" ");
      return textReply(`${problems} For example: \`${usage} 2026-12-21 2027-01-03 annual leave\`.`);
    }
    await away.add(context.personId, parsed.entry);
    return textReply(`${savedText(parsed.entry)} \`${usage} clear\` ends it early.`);
  }

  async function save(context: ActionContext): Promise<Reply> {
    if (!context.personId) return textReply(NO_PROFILE);
    const { zone, entries } = await away.awayOf(context.personId, context.now);
    const value = (id: string) => {
      const v = context.inputs[id];
      return Array.isArray(v) ? v.join(" ") : (v ?? "");
    };
    const parsed = await readAway(
      value("from"),
      value("to"),
      value("reason"),
      todayIn(context.now, zone),
      deps.freeText,
    );
    if (!parsed.ok) {
      // The form again, holding what was typed and why it was refused (Teams shows it anew; Slack keeps its own).
      return {
        kind: "invalid",
        errors: parsed.errors,
        form: formAgain(awayForm(entries), context.inputs, parsed.errors),
      };
    }
    // The same days sent again (a second submission) are noted once.
    const same = entries.some((e) => e.from === parsed.entry.from && e.to === parsed.entry.to);
    if (!same) await away.add(context.personId, parsed.entry);
    return textReply(savedText(parsed.entry));
  }

  return {
    commands: [
      {
        name: "away",
        access: "member",
        refusal: NO_PROFILE,
        usage: "away <from> <to> [reason] | away clear",
        description:
          "Leave, on call or nights: no check-in prompts or reminders on those days, e.g. `away 2026-12-21 2027-01-03`.",
        run: command,
      },
    ],
    // Saving notes the submitted days: submitting the same days again leaves them noted once.
    actions: [
      {
        actionId: AWAY_SAVE_ACTION,
        access: "member",
        refusal: NO_PROFILE,
        presses: { kind: "sets" },
        run: save,
      },
    ],
  };
}
