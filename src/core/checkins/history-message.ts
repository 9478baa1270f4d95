// `/collab history`'s reply: a partnership's latest check-ins as a compact timeline, one line per member.
import { DateTime } from "luxon";
import type { Block, Message, Span } from "../message.ts";
import { answerText } from "./custom-question.ts";
import type { HistoryAnswer, HistoryCheckin } from "./history-port.ts";

export const HISTORY_LENGTH = 12;

const marks = { on_track: "●", needs_attention: "◐", blocked: "○" } as const;

/** Periods are UTC calendar spans (src/core/schedule/periods.ts): their first day, as people read it. */
function periodLabel(checkin: HistoryCheckin): string {
  return DateTime.fromJSDate(checkin.periodStart, { zone: "UTC" }).toFormat("d LLL yyyy");
}

function answerLine(answer: HistoryAnswer, now: Date, periodEnd: Date): Span[] {
  const name: Span = { bold: answer.name };
  if (answer.status === "answered" && answer.answer) {
    const note = answer.note ? ` — “${answer.note}”` : "";
    return [`${marks[answer.answer]} `, name, `: ${answerText(answer.answer, answer.choice)}${note}`];
  }
  const open = periodEnd.getTime() > now.getTime();
  const what: Record<string, string> = {
    skipped: "skipped",
    unreachable: "could not be reached",
    pending: open ? "not asked yet" : "not asked",
  };
  return ["· ", name, `: ${what[answer.status] ?? (open ? "no answer yet" : "no answer")}`];
}

export function historyMessage(input: {
  title: string;
  checkins: readonly HistoryCheckin[];
  now: Date;
}): Message {
  const { title, checkins, now } = input;
  const summary = `History of ${title}: ${checkins.length} check-in${checkins.length === 1 ? "" : "s"}`;
  if (checkins.length === 0) {
    return {
      summary,
      blocks: [
        { type: "header", text: `History: ${title}` },
        { type: "text", text: "No check-ins yet: the first comes at its next slot." },
      ],
    };
  }
  const blocks: Block[] = [{ type: "header", text: `History: ${title}` }];
  for (const checkin of checkins) {
    const lines: Span[] = [{ bold: periodLabel(checkin) }];
    for (const answer of checkin.answers) lines.push("\n", ...answerLine(answer, now, checkin.periodEnd));
    blocks.push({ type: "text", text: lines });
  }
  blocks.push({
    type: "context",
    text: `The last ${checkins.length} check-in${checkins.length === 1 ? "" : "s"}, newest first (at most ${HISTORY_LENGTH}). ● on track · ◐ needs attention · ○ blocked. Notes are shown to the partnership's members and its programme's coordinators only.`,
  });
  return { summary, blocks };
}
