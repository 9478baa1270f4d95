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
