// Plain-text helpers every renderer shares: cleaning user text, and cutting it at whole tokens with a visible "…".

export const ELLIPSIS = "…";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops control characters (keeping tabs and newlines) and replaces lone surrogates. */
export function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, " ").trim();
}

export function isBlank(text: string): boolean {
  return text.trim() === "";
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

/** Shortens text to at most `budget` UTF-16 units, never splitting one of its tokens. */
export type CutTokens = (text: string, budget: number) => string;

/**
 * A cutter that keeps the longest prefix of whole tokens, `token` (a global pattern) matching one token at a
 * time: an escape of the markup (Slack's `&amp;`, Teams' backslash escapes), a surrogate pair, a character.
 */
export function tokenCutter(token: RegExp): CutTokens {
  return (text, budget) => {
    if (text.length <= budget) return text;
    let out = "";
    for (const [match] of text.matchAll(token)) {
      if (out.length + match.length > budget) break;
      out += match;
    }
    return out;
  };
}

/** Text of at most `max` units: cut at whole tokens, ending with "…" when anything was cut. */
export function truncate(text: string, max: number, cutTokens: CutTokens): string {
  return text.length <= max ? text : cutTokens(text, max - ELLIPSIS.length) + ELLIPSIS;
}

/** Width of the longest bar of a text chart, in characters. */
const CHART_WIDTH = 20;

/**
 * A chart as lines a person can read where no chart can be drawn (a terminal, Slack): its title, then one line
 * per point with its label, a bar and its value, e.g. "2 Nov   ████████████░░░░░░░░  60 % answered".
 */
export function chartLines(chart: {
  title: string;
  valueLabel?: string;
  points: readonly { label: string; value: number | null }[];
}): string[] {
  const width = Math.max(0, ...chart.points.map((p) => oneLine(p.label).length));
  const max = Math.max(100, ...chart.points.map((p) => p.value ?? 0));
  const unit = chart.valueLabel ? ` ${oneLine(chart.valueLabel)}` : "";
  return [
    `${oneLine(chart.title)}:`,
    ...chart.points.map((point) => {
      const label = oneLine(point.label).padEnd(width);
      if (point.value === null || !Number.isFinite(point.value)) return `${label}  no data`;
      const filled = Math.round((Math.max(0, point.value) / max) * CHART_WIDTH);
      const bar = "█".repeat(filled) + "░".repeat(CHART_WIDTH - filled);
      return `${label}  ${bar}  ${Math.round(point.value)}${unit}`;
    }),
  ];
}
