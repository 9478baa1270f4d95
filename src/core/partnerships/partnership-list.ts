// The `partnerships` reply: each partnership with its rhythm and the viewer's next check-in, and the buttons they may use.

import { formatDate, formatInstant } from "../local-date.ts";
import type { Block, Button, Message, Span } from "../message.ts";
import { count } from "../plural.ts";
import { effectiveHour, effectiveWeekday } from "../schedule/checkin-slots.ts";
import { CADENCES, type Cadence } from "../schedule/periods.ts";
import { nextCheckinAt } from "./next-checkin.ts";
import type { PartnershipView } from "./partnership-port.ts";

export const PARTNERSHIP_CADENCE_ACTION = "partnership.cadence";
export const PARTNERSHIP_PAUSE_ACTION = "partnership.pause";
export const PARTNERSHIP_RESUME_ACTION = "partnership.resume";
export const PARTNERSHIP_END_ACTION = "partnership.end";
export const PARTNERSHIP_END_CONFIRM_ACTION = "partnership.end-confirm";
export const PARTNERSHIP_LIST_ACTION = "partnership.list";

/** How many partnerships one reply shows (a Slack message holds 50 blocks). */
export const MAX_LISTED = 12;

const cadenceLabel: Record<Cadence, string> = {
  weekly: "Weekly",
  fortnightly: "Fortnightly",
  monthly: "Monthly",
};
const weekdays = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays"];

function rhythm(partnership: PartnershipView): string {
  const day = weekdays[effectiveWeekday(partnership) - 1] ?? "Tuesdays";
  const hour = String(effectiveHour(partnership)).padStart(2, "0");
  const when = partnership.cadence === "monthly" ? `the first ${day.slice(0, -1)} of the month` : day;
  return `${cadenceLabel[partnership.cadence]} check-ins, on ${when} at ${hour}:00 in each member's own time`;
}

function nextLine(partnership: PartnershipView, zone: string, now: Date): string {
  if (partnership.status === "paused") return "Paused: no check-ins until a coordinator resumes it.";
  if (partnership.status === "ended") return "Ended.";
  if (!partnership.isMember) return "";
  const next = nextCheckinAt(partnership, zone, now);
  if (!next) return "";
  if (next.getTime() <= now.getTime()) return "Your next check-in: due now.";
  return `Your next check-in: ${formatInstant(next, zone)} (${zone}).`;
}

function buttons(partnership: PartnershipView): Button[] {
  const list: Button[] = [];
  if (partnership.status === "ended") return list;
  if (partnership.isMember) {
    for (const cadence of CADENCES) {
      if (cadence === partnership.cadence) continue;
      list.push({
        label: cadenceLabel[cadence],
        actionId: PARTNERSHIP_CADENCE_ACTION,
        value: `${partnership.id}:${cadence}`,
      });
    }
  }
  if (partnership.coordinates) {
    list.push(
      partnership.status === "paused"
        ? { label: "Resume", actionId: PARTNERSHIP_RESUME_ACTION, value: partnership.id, style: "primary" }
        : { label: "Pause", actionId: PARTNERSHIP_PAUSE_ACTION, value: partnership.id },
      { label: "End…", actionId: PARTNERSHIP_END_ACTION, value: partnership.id, style: "danger" },
    );
  }
  return list;
}

function entry(partnership: PartnershipView, viewerId: string, zone: string, now: Date): Block[] {
  const others = partnership.members
    .filter((m) => m.personId !== viewerId)
    .map((m) => (m.awayUntil ? `${m.name} (away until ${formatDate(m.awayUntil)})` : m.name));
  const heading: Span[] = [{ bold: partnership.title }];
  if (partnership.programme) heading.push(` · ${partnership.programme}`);
  const lines = [
    others.length > 0 ? `With ${others.join(", ")}.` : "",
    `${rhythm(partnership)}.`,
    nextLine(partnership, zone, now),
  ].filter(Boolean);
  const blocks: Block[] = [{ type: "text", text: [...heading, `\n${lines.join("\n")}`] }];
  const actions = buttons(partnership);
  if (actions.length > 0) blocks.push({ type: "actions", buttons: actions });
  return blocks;
}

export interface PartnershipListInput {
  viewerId: string;
  zone: string;
  partnerships: readonly PartnershipView[];
  now: Date;
  /** A line above the list: what the last button did. */
  notice?: string;
}

export function partnershipListMessage(input: PartnershipListInput): Message {
  const { viewerId, zone, now } = input;
  const mine = input.partnerships.filter((p) => p.isMember);
  const coordinated = input.partnerships.filter((p) => !p.isMember && p.coordinates);
  const blocks: Block[] = [];
  if (input.notice) blocks.push({ type: "text", text: input.notice });
  blocks.push({ type: "header", text: "Your partnerships" });
  if (mine.length === 0) {
    blocks.push({
      type: "text",
      text: "You are not in a partnership yet. `find-collaborator <what you need>` suggests people to team up with.",
    });
  }
  let shown = 0;
  const add = (list: readonly PartnershipView[]) => {
    for (const partnership of list) {
      if (shown >= MAX_LISTED) return;
      blocks.push(...entry(partnership, viewerId, zone, now), { type: "divider" });
      shown++;
    }
  };
  add(mine);
  if (coordinated.length > 0 && shown < MAX_LISTED) {
    blocks.push({ type: "text", text: [{ bold: "In the programmes you coordinate" }] });
    add(coordinated);
  }
  const hidden = mine.length + coordinated.length - shown;
  blocks.push({
    type: "context",
    text:
      hidden > 0
        ? `${hidden} more not shown. Times are in ${zone}; members change how often, coordinators pause or end.`
        : `Times are in ${zone}. Members can change how often they check in; coordinators can pause or end.`,
  });
  const summary =
    mine.length === 0
      ? "You are not in a partnership yet."
      : `You are in ${count(mine.length, "partnership")}.`;
  return { summary: input.notice ?? summary, blocks };
}

export function endConfirmMessage(partnership: PartnershipView): Message {
  return {
    summary: `End ${partnership.title}?`,
    blocks: [
      {
        type: "text",
        text: [
          "End ",
          { bold: partnership.title },
          "? Its check-ins stop for good and it leaves the members' lists. Pausing can be undone; ending cannot.",
        ],
      },
      {
        type: "actions",
        buttons: [
          {
            label: "End partnership",
            actionId: PARTNERSHIP_END_CONFIRM_ACTION,
            value: partnership.id,
            style: "danger",
          },
          { label: "Keep it", actionId: PARTNERSHIP_LIST_ACTION, value: partnership.id },
        ],
      },
    ],
  };
}
