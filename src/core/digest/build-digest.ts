// Builds a coordinator's digest from a snapshot: pure, so the numbers and the layout are tested without a database.

import { DateTime } from "luxon";
import { formatDate } from "../local-date.ts";
import type { Block, Button, PersonRef, RichText, Span as TextSpan } from "../message.ts";
import { type Message, mention, plainText } from "../message.ts";
import { count } from "../plural.ts";
import type { AtRiskPartnership, DigestSnapshot, MilestoneItem, RatePoint } from "./digest-snapshot.ts";
import { rateChartLine, ratePercent } from "./rate-chart.ts";
import { reachAdvice } from "./reach-advice.ts";

export const DIGEST_NUDGE_ACTION = "digest.nudge";
export const DIGEST_PAUSE_ACTION = "digest.pause";
export const DIGEST_SHOW_ALL_ACTION = "digest.all";

/**
 * Nudge and Pause carry the partnership and the digest they came in (its period's end): each counts once per
 * digest, whichever coordinator or instance takes the press.
 */
export function partnershipActionValue(partnershipId: string, digestUntil: Date): string {
  return `${partnershipId}@${digestUntil.getTime()}`;
}

/**
 * The partnership and the prompt's key. A digest sent before digests had keys names the partnership only: it has
 * no key (null), and its presses run as they did then (a nudge is still sent once a day).
 */
export function readPartnershipActionValue(value: string): {
  partnershipId: string;
  promptKey: string | null;
} {
  const [partnershipId = "", until = ""] = value.split("@");
  const at = Number(until);
  const promptKey =
    until && Number.isFinite(at)
      ? `digest:${new Date(at).toISOString()}:${partnershipId.toLowerCase()}`
      : null;
  return { partnershipId, promptKey };
}

/** How many items a section shows before "Show all". */
export const DIGEST_TOP = 5;
/** How many items "Show all" lists at most (the renderers cut beyond their limits, but a list stays readable). */
export const DIGEST_ALL_MAX = 100;

export type DigestSection =
  | "at-risk"
  | "partnerships"
  | "achieved"
  | "overdue"
  | "follow-ups"
  | "unreachable";
export const DIGEST_SECTIONS: readonly DigestSection[] = [
  "at-risk",
  "partnerships",
  "achieved",
  "overdue",
  "follow-ups",
  "unreachable",
];

const SECTION_TITLES: Record<DigestSection, string> = {
  "at-risk": "Partnerships at risk",
  partnerships: "New partnerships",
  achieved: "Milestones achieved",
  overdue: "Milestones overdue",
  "follow-ups": "Mentor follow-ups overdue",
  unreachable: "Members I cannot reach",
};

/** What a "Show all" button carries: the programme, the section and the period, so the list matches the digest. */
export function showAllValue(
  programmeId: string,
  section: DigestSection,
  period: { since: Date; until: Date },
) {
  return `${programmeId}|${section}|${period.since.getTime()}|${period.until.getTime()}`;
}

export function readShowAllValue(
  value: string,
): { programmeId: string; section: DigestSection; since: Date; until: Date } | null {
  const [programmeId = "", section = "", since = "", until = ""] = value.split("|");
  if (!/^[0-9a-f-]{36}$/i.test(programmeId) || !DIGEST_SECTIONS.includes(section as DigestSection))
    return null;
  const [a, b] = [Number(since), Number(until)];
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a >= b) return null;
  return { programmeId, section: section as DigestSection, since: new Date(a), until: new Date(b) };
}

/** The figures of a digest, for the audit log: counts only, never names. */
export function digestCounts(snapshot: DigestSnapshot): Record<string, number> {
  const current = snapshot.rates.at(-1);
  return {
    promptsSent: current?.sent ?? 0,
    promptsAnswered: current?.answered ?? 0,
    atRisk: snapshot.atRisk.length,
    introsRequested: snapshot.intros.requested,
    newPartnerships: snapshot.newPartnerships.length,
    milestonesAchieved: snapshot.milestonesAchieved.length,
    milestonesOverdue: snapshot.milestonesOverdue.length,
    followUpsOverdue: snapshot.followUpsOverdue.length,
    unreachable: snapshot.unreachable.length,
  };
}

const person = (snapshot: DigestSnapshot, id: string): TextSpan => {
  const ref: PersonRef = snapshot.people.get(id) ?? { id, name: "a former member", identities: [] };
  return mention(ref);
};

const day = (at: Date) => formatDate(at.toISOString().slice(0, 10));
/** "23 Nov" (English month abbreviations whatever the machine's locale): a chart's axis has little room. */
const shortDay = (at: Date) => DateTime.fromJSDate(at, { zone: "UTC" }).toFormat("d LLL", { locale: "en" });

const RISK_LABELS: Record<AtRiskPartnership["reason"], string> = {
  blocked: "answered Blocked",
  needs_attention: "answered Needs attention",
  quiet: "last two check-ins unanswered",
};

function quote(note: string | null): string {
  if (!note) return "";
  const flat = note.replace(/\s+/g, " ").trim();
  return flat === "" ? "" : ` — “${flat.length > 200 ? `${flat.slice(0, 199)}…` : flat}”`;
}

function rateText(point: RatePoint | undefined): string {
  if (!point || point.sent === 0) return "no check-ins sent";
  return `${point.answered} of ${point.sent} answered (${ratePercent(point)}%)`;
}

function milestoneLine(item: MilestoneItem, overdue: boolean): RichText {
  const due = overdue && item.dueOn ? `, due ${formatDate(item.dueOn)}` : "";
  return ["• ", { bold: item.title }, ` — ${item.partnershipTitle}${due}`];
}

/** One line per item of a section, all of them; the digest shows the top ones, "Show all" the rest. */
function sectionLines(snapshot: DigestSnapshot, section: DigestSection): RichText[] {
  switch (section) {
    case "at-risk":
      return snapshot.atRisk.map((p) => [
        "• ",
        { bold: p.title },
        `: ${RISK_LABELS[p.reason]}${quote(p.note)}`,
      ]);
    case "partnerships":
      return snapshot.newPartnerships.map((p) => ["• ", { bold: p.title }]);
    case "achieved":
      return snapshot.milestonesAchieved.map((m) => milestoneLine(m, false));
    case "overdue":
      return snapshot.milestonesOverdue.map((m) => milestoneLine(m, true));
    case "follow-ups":
      return snapshot.followUpsOverdue.map((f) => [
        "• ",
        person(snapshot, f.mentorId),
        " with ",
        person(snapshot, f.menteeId),
        `: follow-up due ${day(f.dueAt)}`,
      ]);
    case "unreachable":
      return snapshot.unreachable.map((u) => [
        "• ",
        person(snapshot, u.personId),
        `${u.failures > 0 ? ` (${u.failures} undelivered)` : ""}: ${reachAdvice(u.reason)}`,
      ]);
  }
}

const joinLines = (lines: readonly RichText[]): RichText =>
  lines.flatMap((line, i) => [...(i > 0 ? ["\n"] : []), ...(typeof line === "string" ? [line] : line)]);

function showAll(snapshot: DigestSnapshot, section: DigestSection, total: number): Block[] {
  if (total <= DIGEST_TOP) return [];
  return [
    { type: "context", text: `Showing ${DIGEST_TOP} of ${total}.` },
    {
      type: "actions",
      buttons: [
        {
          label: "Show all",
          actionId: DIGEST_SHOW_ALL_ACTION,
          value: showAllValue(snapshot.programme.id, section, snapshot.period),
        },
      ],
    },
  ];
}

function listSection(snapshot: DigestSnapshot, section: DigestSection): Block[] {
  const lines = sectionLines(snapshot, section);
  if (lines.length === 0) return [];
  return [
    { type: "text", text: [{ bold: `${SECTION_TITLES[section]} (${lines.length})` }] },
    { type: "text", text: joinLines(lines.slice(0, DIGEST_TOP)) },
    ...showAll(snapshot, section, lines.length),
  ];
}

function atRiskSection(snapshot: DigestSnapshot): Block[] {
  const lines = sectionLines(snapshot, "at-risk");
  if (lines.length === 0) return [];
  const blocks: Block[] = [
    { type: "text", text: [{ bold: `${SECTION_TITLES["at-risk"]} (${lines.length})` }] },
  ];
  snapshot.atRisk.slice(0, DIGEST_TOP).forEach((partnership, i) => {
    const value = partnershipActionValue(partnership.id, snapshot.period.until);
    const buttons: Button[] = [
      { label: "Nudge members", actionId: DIGEST_NUDGE_ACTION, value, style: "primary" },
      { label: "Pause partnership", actionId: DIGEST_PAUSE_ACTION, value, style: "danger" },
    ];
    blocks.push({ type: "text", text: lines[i]! }, { type: "actions", buttons });
  });
  return [...blocks, ...showAll(snapshot, "at-risk", lines.length)];
}

function rateSection(snapshot: DigestSnapshot): Block[] {
  const current = snapshot.rates.at(-1);
  const previous = snapshot.rates.at(-2);
  if (!snapshot.rates.some((point) => point.sent > 0)) return [];
  return [
    {
      type: "fields",
      fields: [
        { label: "Check-in responses", value: rateText(current) },
        { label: "Previous period", value: rateText(previous) },
      ],
    },
    rateChart(snapshot.rates),
  ];
}

/** The response rate of each period as a chart, one bar per period labelled with its first day. */
function rateChart(rates: readonly RatePoint[]): Block {
  const title = `Response rate, last ${rates.length} periods`;
  return {
    type: "chart",
    title,
    valueLabel: "% answered",
    points: rates.map((point) => ({ label: shortDay(point.since), value: ratePercent(point) })),
    fallback: `${title}: ${rateChartLine(rates)}`,
  };
}

function introSection(snapshot: DigestSnapshot): Block[] {
  const { requested, accepted, declined, expired } = snapshot.intros;
  const parts = [
    [requested, "requested"],
    [accepted, "accepted"],
    [declined, "declined"],
    [expired, "expired"],
  ] as const;
  if (parts.every(([n]) => n === 0)) return [];
  const text = parts.map(([n, what]) => `${n} ${what}`).join(", ");
  return [{ type: "text", text: [{ bold: "Intros" }, `: ${text}`] }];
}

/** Intros → meetings → active partnerships, when any moved in the period. */
function funnelSection(snapshot: DigestSnapshot): Block[] {
  const { introduced, met, active } = snapshot.introFunnel;
  if (introduced === 0 && met === 0) return [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const text = `${plural(introduced, "introduction", "introductions")} → ${plural(met, "meeting", "meetings")} → ${plural(active, "active partnership", "active partnerships")}`;
  return [
    { type: "text", text: [{ bold: "From intro to partnership" }, `: ${text}`] },
    {
      type: "context",
      text: "Intros accepted this period → pairs who said they met this period → pairs who met and are still active.",
    },
  ];
}

function periodLine(snapshot: DigestSnapshot): string {
  const { since, until } = snapshot.period;
  const active = count(snapshot.activePartnerships, "active partnership");
  return `${day(since)} – ${day(until)} · ${active}`;
}

export function buildDigest(snapshot: DigestSnapshot): Message {
  const name = snapshot.programme.name;
  const body: Block[] = [
    ...rateSection(snapshot),
    ...atRiskSection(snapshot),
    ...introSection(snapshot),
    ...funnelSection(snapshot),
    ...listSection(snapshot, "partnerships"),
    ...listSection(snapshot, "achieved"),
    ...listSection(snapshot, "overdue"),
    ...listSection(snapshot, "follow-ups"),
    ...listSection(snapshot, "unreachable"),
  ];
  const header: Block = { type: "header", text: `Digest: ${name}` };
  if (body.length === 0) {
    const quiet = `A quiet week in ${name}: no check-ins, intros or milestones, and nothing needs your attention.`;
    return { summary: quiet, blocks: [header, { type: "text", text: quiet }] };
  }
  return {
    summary: digestSummary(snapshot),
    blocks: [header, { type: "context", text: periodLine(snapshot) }, ...body],
  };
}

/** The plain-text fallback: the headline figures and the chart, for notifications and screen readers. */
export function digestSummary(snapshot: DigestSnapshot): string {
  const current = snapshot.rates.at(-1);
  const previous = snapshot.rates.at(-2);
  const parts = [`Digest for ${snapshot.programme.name}`];
  if (snapshot.rates.some((point) => point.sent > 0)) {
    parts.push(`check-ins ${rateText(current)}, previous period ${rateText(previous)}`);
    parts.push(`trend ${rateChartLine(snapshot.rates)}`);
  }
  if (snapshot.atRisk.length > 0) parts.push(`${snapshot.atRisk.length} at risk`);
  if (snapshot.milestonesOverdue.length > 0)
    parts.push(`${count(snapshot.milestonesOverdue.length, "milestone")} overdue`);
  if (snapshot.unreachable.length > 0) parts.push(`${snapshot.unreachable.length} cannot be reached`);
  return parts.join("; ");
}

/** "Show all": the whole list of one section (up to DIGEST_ALL_MAX lines). */
export function buildSectionList(snapshot: DigestSnapshot, section: DigestSection): Message {
  const lines = sectionLines(snapshot, section);
  const title = `${SECTION_TITLES[section]}: ${snapshot.programme.name} (${lines.length})`;
  if (lines.length === 0) return { summary: title, blocks: [{ type: "text", text: `${title}: none now.` }] };
  const shown = lines.slice(0, DIGEST_ALL_MAX);
  const blocks: Block[] = [{ type: "text", text: [{ bold: title }] }];
  for (let i = 0; i < shown.length; i += 20)
    blocks.push({ type: "text", text: joinLines(shown.slice(i, i + 20)) });
  if (lines.length > shown.length) {
    blocks.push({ type: "context", text: `The first ${shown.length} of ${lines.length}.` });
  }
  return { summary: `${title}: ${plainText(joinLines(shown.slice(0, 3)))}`, blocks };
}
