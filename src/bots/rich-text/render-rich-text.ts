// The one walk over the core's rich text (escaping, bold, links, mentions, truncation) that every platform's markup shares.
import { type PersonRef, personLabel, type RichText, type Span } from "../../core/message.ts";
import { type CutTokens, clean, ELLIPSIS, oneLine } from "../render-text.ts";

/**
 * How one platform writes rich text. The engine decides what is shown and where it may be cut; the dialect
 * only knows its markup. `Entity` is what a mention carries beside the text (Teams' mention entities).
 */
export interface MarkupDialect<Entity = never> {
  /** Makes cleaned user text show literally in this markup. */
  escape(text: string): string;
  /** Shortens escaped text without splitting one of this markup's escapes or a surrogate pair. */
  cutTokens: CutTokens;
  /**
   * Whether bold text, link labels and names are kept on one line: chat markup does not carry a line break
   * inside bold or a link; a terminal shows them as written.
   */
  oneLine: boolean;
  /** Written on both sides of bold text. */
  boldMarker: string;
  /** A link to `url` labelled `label` (escaped, possibly empty): markup around its shown text, or plain text. */
  link(url: string, label: string): LinkMarkup | string;
  /** A mention of the person, or undefined to name them in text (not reachable on this platform and tenant). */
  mention(person: PersonRef): WrittenMention<Entity> | undefined;
}

export interface LinkMarkup {
  before: string;
  /** The escaped text shown for the link; cutting shortens it and keeps the markup, or drops the markup. */
  text: string;
  after: string;
}

export interface WrittenMention<Entity> {
  text: string;
  entity?: Entity;
}

export interface RenderedRichText<Entity> {
  text: string;
  /** The entities of the mentions written whole in `text`, in order. */
  entities: Entity[];
}

/** A run of rendered text that knows how to shorten itself to a budget (possibly to nothing). */
interface Piece<Entity> {
  full: string;
  cut(budget: number): string;
  entity?: Entity;
}

/** The url as a link may carry it: http(s) and mailto only, parsed and normalised; otherwise undefined. */
export function linkableUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : undefined;
}

/**
 * Rich text in the dialect's markup, at most `max` characters: past it, whole pieces are kept while they fit,
 * the one that does not is cut inside its markup (or dropped: a mention is never cut), and "…" says so.
 */
export function renderRichText<Entity>(
  text: RichText,
  dialect: MarkupDialect<Entity>,
  max = Number.POSITIVE_INFINITY,
): RenderedRichText<Entity> {
  const spans: readonly Span[] = typeof text === "string" ? [text] : text;
  return fitPieces(
    spans.flatMap((span) => spanPieces(span, dialect)),
    max,
  );
}

function fitPieces<Entity>(pieces: readonly Piece<Entity>[], max: number): RenderedRichText<Entity> {
  const total = pieces.reduce((sum, piece) => sum + piece.full.length, 0);
  const budget = total <= max ? max : max - ELLIPSIS.length;
  let text = "";
  const entities: Entity[] = [];
  for (const piece of pieces) {
    if (text.length + piece.full.length > budget) {
      text += piece.cut(budget - text.length);
      break;
    }
    text += piece.full;
    if (piece.entity !== undefined) entities.push(piece.entity);
  }
  return { text: total <= max ? text : text + ELLIPSIS, entities };
}

function spanPieces<Entity>(span: Span, dialect: MarkupDialect<Entity>): Piece<Entity>[] {
  const plain = (escaped: string): Piece<Entity> => ({
    full: escaped,
    cut: (budget) => dialect.cutTokens(escaped, budget),
  });
  const named = (text: string) => dialect.escape(dialect.oneLine ? oneLine(text) : clean(text));
  if (typeof span === "string") return [plain(dialect.escape(clean(span)))];
  if ("bold" in span) return boldPieces(span.bold, dialect, plain);
  if ("link" in span) {
    const link = dialect.link(span.link, named(span.text));
    if (typeof link === "string") return [plain(link)];
    const kept = wrapped(link, dialect.cutTokens);
    // Too little room for the markup: the shown text alone, rather than nothing.
    return [{ full: kept.full, cut: (budget) => kept.cut(budget) || dialect.cutTokens(link.text, budget) }];
  }
  const mention = dialect.mention(span.mention);
  if (!mention) return [plain(named(personLabel(span.mention)))];
  // A mention is whole or absent: half of `<@U123>` or `<at>Name</at>` would show as markup.
  return [{ full: mention.text, cut: () => "", entity: mention.entity }];
}

/** Bold text with surrounding whitespace kept outside the markers (neither Slack nor Teams bolds `* x *`). */
function boldPieces<Entity>(
  text: string,
  dialect: MarkupDialect<Entity>,
  plain: (escaped: string) => Piece<Entity>,
): Piece<Entity>[] {
  const cleaned = dialect.oneLine ? clean(text).replace(/\s+/g, " ") : clean(text);
  const core = cleaned.trim();
  if (core === "") return [plain(cleaned)];
  const lead = cleaned.slice(0, cleaned.length - cleaned.trimStart().length);
  const trail = cleaned.slice(cleaned.trimEnd().length);
  const marker = dialect.boldMarker;
  return [
    plain(lead),
    wrapped({ before: marker, text: dialect.escape(core), after: marker }, dialect.cutTokens),
    plain(trail),
  ];
}

/** Markup around escaped text: shortening keeps the markup and cuts the text, or drops it all. */
function wrapped<Entity>({ before, text, after }: LinkMarkup, cutTokens: CutTokens): Piece<Entity> {
  return {
    full: before + text + after,
    cut: (budget) => {
      const kept = cutTokens(text, budget - before.length - after.length);
      return kept === "" ? "" : before + kept + after;
    },
  };
}
