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

/** A run of rendered text that knows how to shorten itself to a budget of characters. */
export interface Piece {
  full: string;
  cut(budget: number): string;
}

/**
 * Pieces for one markup language; `cutTokens` shortens escaped text without splitting an escape
 * (Slack's `&amp;`, Teams' backslash escapes) or a surrogate pair.
 */
export function pieceTools(cutTokens: (text: string, budget: number) => string) {
  const textPiece = (escaped: string): Piece => ({
    full: escaped,
    cut: (budget) => cutTokens(escaped, budget),
  });
  /** Markup around escaped text: shortening keeps the markup and cuts the text, or drops it all. */
  const wrapped = (before: string, inner: string, after: string): Piece => ({
    full: before + inner + after,
    cut: (budget) => {
      const kept = cutTokens(inner, budget - before.length - after.length);
      return kept === "" ? "" : before + kept + after;
    },
  });
  const truncate = (text: string, max: number): string =>
    text.length <= max ? text : cutTokens(text, max - ELLIPSIS.length) + ELLIPSIS;
  /** Bold text with surrounding whitespace kept outside the markers (both platforms ignore `* x *`). */
  const boldPiece = (text: string, marker: string, escapeText: (text: string) => string): Piece[] => {
    const cleaned = clean(text).replace(/\s+/g, " ");
    const core = cleaned.trim();
    if (core === "") return [textPiece(cleaned)];
    const lead = cleaned.startsWith(" ") ? " " : "";
    const trail = cleaned.endsWith(" ") ? " " : "";
    return [textPiece(lead), wrapped(marker, escapeText(core), marker), textPiece(trail)];
  };
  return { textPiece, wrapped, truncate, boldPiece };
}
