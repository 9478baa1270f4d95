// The channel posts that celebrate a milestone or a partnership anniversary, naming (and mentioning) its members.
import type { Message, PersonRef, Span } from "../message.ts";
import { mention } from "../message.ts";
import { milestoneKindLabel } from "./milestone-kinds.ts";

/** "A, B and C" as spans: people with an identity on the channel's platform are mentioned by the renderer. */
function peopleSpans(members: readonly PersonRef[]): Span[] {
  const spans: Span[] = [];
  members.forEach((person, i) => {
    if (i > 0) spans.push(i === members.length - 1 ? " and " : ", ");
    spans.push(mention(person));
  });
  return spans;
}

export function milestoneCelebration(input: {
  partnershipTitle: string;
  title: string;
  kind: string;
  members: readonly PersonRef[];
}): Message {
  const text: Span[] = [
    { bold: input.partnershipTitle },
    ` reached a milestone: ${input.title} (${milestoneKindLabel(input.kind)}).`,
  ];
  const thanks: Span[] =
    input.members.length > 0 ? ["Congratulations to ", ...peopleSpans(input.members), "!"] : [];
  return {
    summary: `🎉 ${input.partnershipTitle}: ${input.title}`,
    blocks: [
      { type: "header", text: "🎉 Milestone reached" },
      { type: "text", text },
      ...(thanks.length > 0 ? [{ type: "text" as const, text: thanks }] : []),
    ],
  };
}

export function anniversaryCelebration(input: {
  partnershipTitle: string;
  years: number;
  members: readonly PersonRef[];
}): Message {
  const span = input.years === 1 ? "one year" : `${input.years} years`;
  const text: Span[] = [{ bold: input.partnershipTitle }, ` has been working together for ${span}.`];
  const thanks: Span[] =
    input.members.length > 0 ? ["Happy anniversary, ", ...peopleSpans(input.members), "!"] : [];
  return {
    summary: `🎂 ${input.partnershipTitle}: ${span} together`,
    blocks: [
      { type: "header", text: "🎂 Partnership anniversary" },
      { type: "text", text },
      ...(thanks.length > 0 ? [{ type: "text" as const, text: thanks }] : []),
    ],
  };
}

/** The whole years completed from `start` to `now`, and the instant the latest one was completed. */
export function latestAnniversary(start: Date, now: Date): { years: number; at: Date } | null {
  let years = now.getUTCFullYear() - start.getUTCFullYear();
  const at = (n: number) => {
    const d = new Date(start.getTime());
    d.setUTCFullYear(start.getUTCFullYear() + n);
    return d;
  };
  if (at(years).getTime() > now.getTime()) years -= 1;
  return years >= 1 ? { years, at: at(years) } : null;
}
