// The neutral message: what the core wants shown, in its own small vocabulary; bots/slack and bots/teams render it.

/** A person as the core names them; the renderer turns this into a mention on the person's own platform. */
export interface PersonRef {
  id: string;
  name: string;
  institution?: string;
  identities: readonly ChatAddress[];
}

export type Platform = "slack" | "teams" | "console";

/** Where a person can be reached: ids only mean something beside their platform and tenant. */
export interface ChatAddress {
  platform: Platform;
  tenantId: string;
  userId: string;
}

/** Inline text: plain strings, bold, links and mentions of a person. */
export type Span = string | { bold: string } | { link: string; text: string } | { mention: PersonRef };
export type RichText = string | readonly Span[];

export interface Button {
  label: string;
  actionId: string;
  value: string;
  style?: "primary" | "danger";
}

export interface ChoiceOption {
  label: string;
  value: string;
}

/** One bar of a chart: its label on the axis, and its value, or null where there is nothing to show. */
export interface ChartPoint {
  label: string;
  value: number | null;
}

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: RichText }
  | { type: "fields"; fields: readonly { label: string; value: RichText }[] }
  | { type: "context"; text: RichText }
  | { type: "actions"; buttons: readonly Button[] }
  | {
      type: "choice";
      id: string;
      label: string;
      options: readonly ChoiceOption[];
      initial?: string | readonly string[];
      multiple?: boolean;
      optional?: boolean;
    }
  | {
      type: "text-input";
      id: string;
      label: string;
      placeholder?: string;
      initial?: string;
      multiline?: boolean;
      maxLength?: number;
      optional?: boolean;
      /**
       * What the text must be: a calendar date (YYYY-MM-DD) or an IANA time zone. A door that asks field by field
       * (the terminal) checks it as it is typed; the core checks it again when the form is submitted.
       */
      format?: "date" | "timezone";
    }
  | { type: "divider" }
  | {
      /** A small bar chart; renderers that cannot draw one (and clients that cannot) show `fallback` instead. */
      type: "chart";
      title: string;
      /** What the values measure, e.g. "% answered". */
      valueLabel?: string;
      points: readonly ChartPoint[];
      fallback: RichText;
    };

export interface Message {
  /** Plain-text summary for notifications and screen readers. */
  summary: string;
  blocks: readonly Block[];
  /** See RefreshAction. */
  refresh?: RefreshAction;
}

/**
 * What a message shows depends on who looks at it (a check-in: answered or not, by that person). A door that can
 * (Teams' Universal Actions `refresh`) runs this action for each person who views the message, and shows them the
 * message of its "update" reply instead; other doors ignore it.
 */
export interface RefreshAction {
  actionId: string;
  value: string;
}

/** A form: a message with inputs and one submit action (a Slack modal, a Teams card with inputs). */
export interface Form {
  title: string;
  /** The action id the submission arrives with. */
  submitActionId: string;
  submitLabel: string;
  /** Carried back with the submission, e.g. the id of the thing being edited. */
  value?: string;
  blocks: readonly Block[];
}

/**
 * The form again as it was submitted: each input holding what was typed, and the problems above the inputs, by
 * field label. For doors that show a refused form anew (Teams) instead of keeping it open.
 */
export function formAgain(
  form: Form,
  inputs: Readonly<Record<string, string | readonly string[]>>,
  errors: Readonly<Record<string, string>>,
): Form {
  const labelOf = (id: string) =>
    form.blocks.find((b): b is Extract<Block, { id: string }> => "id" in b && b.id === id)?.label;
  const problems = Object.entries(errors).map(([id, problem]) => {
    const label = labelOf(id);
    return label ? `${label}: ${problem}` : problem;
  });
  const blocks = form.blocks.map((block): Block => {
    if (block.type !== "text-input" && block.type !== "choice") return block;
    const typed = inputs[block.id];
    if (typed === undefined) return block;
    if (block.type === "text-input")
      return { ...block, initial: typeof typed === "string" ? typed : typed.join("; ") };
    return { ...block, initial: typed };
  });
  const first = blocks.findIndex((b) => b.type === "text-input" || b.type === "choice");
  const note: Block = { type: "text", text: [bold("Please check:"), `\n${problems.join("\n")}`] };
  const at = first < 0 ? blocks.length : first;
  return { ...form, blocks: [...blocks.slice(0, at), note, ...blocks.slice(at)] };
}

export const bold = (text: string): Span => ({ bold: text });
export const link = (url: string, text: string): Span => ({ link: url, text });
export const mention = (person: PersonRef): Span => ({ mention: person });

/** Plain text of rich text, naming people by name (and institution): for summaries and plain renderers. */
export function plainText(text: RichText): string {
  if (typeof text === "string") return text;
  return text
    .map((span) => {
      if (typeof span === "string") return span;
      if ("bold" in span) return span.bold;
      if ("link" in span) return span.text;
      return personLabel(span.mention);
    })
    .join("");
}

export function personLabel(person: PersonRef): string {
  return person.institution ? `${person.name} (${person.institution})` : person.name;
}

/** The identity of a person that a renderer for this platform and tenant may mention, if any. */
export function addressOn(person: PersonRef, platform: Platform, tenantId: string): ChatAddress | undefined {
  return person.identities.find(
    (identity) => identity.platform === platform && identity.tenantId === tenantId,
  );
}
