// Renders the neutral message to a Microsoft Teams Adaptive Card 1.5, with mentions as entities and a size cap.
import type { Block, Button, ChoiceOption, Form, Message, RichText } from "../../core/message.ts";
import { chunk, clean, ELLIPSIS, isBlank, oneLine, truncate as truncateTokens } from "../render-text.ts";
import { type MarkupDialect, type RenderedRichText, renderRichText } from "../rich-text/render-rich-text.ts";
import {
  createTeamsMarkdownDialect,
  cutMarkdown,
  escapeMarkdown,
  type MentionEntity,
} from "./teams-markdown-dialect.ts";

export type { MentionEntity } from "./teams-markdown-dialect.ts";

export interface TeamsRenderContext {
  /** The Teams (Entra) tenant id the card goes to: only identities in this tenant are mentioned. */
  tenantId: string;
  /**
   * The Teams user ids (29:…) the card is for. With a message's `refresh`, Teams refreshes the card for each of them
   * as they view it (an adaptiveCard/action invoke, trigger "automatic") and shows them the bot's answer.
   */
  viewers?: readonly string[];
}

/** Teams refreshes a card automatically for at most this many listed users (Universal Actions docs). */
export const TEAMS_REFRESH_USERS_MAX = 60;

/** What a button carries back: the neutral action id and value (Teams merges the card's input values into it). */
export interface ActionData {
  actionId: string;
  value?: string;
  /** A refresh's viewers, so that the card it answers with refreshes for the same people. */
  viewers?: string[];
}

/** Universal Actions' user-specific views: the action Teams runs for each listed user who views the card. */
export interface CardRefresh {
  action: { type: "Action.Execute"; verb: string; data: ActionData };
  userIds: string[];
}

/** The pre-Universal-Actions button: Teams posts a message activity with `value` = data (and inputs). */
export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: ActionData;
  style?: "positive" | "destructive";
}

/**
 * A Universal Actions button (Adaptive Cards 1.4+): Teams sends an `adaptiveCard/action` invoke with the verb and
 * data, and shows the card the bot answers with in place of this one. Clients too old for it use `fallback`, an
 * Action.Submit with the same data, which the bot still handles (see "Universal Actions for Adaptive Cards:
 * backward compatibility" in the Teams docs). Both are kept in an ActionSet, as those docs advise for old clients.
 */
export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: string;
  data: ActionData;
  style?: "positive" | "destructive";
  fallback: SubmitAction;
}

interface ElementBase {
  separator?: boolean;
}

export interface TextBlock extends ElementBase {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: "Small" | "Large";
  weight?: "Bolder";
  isSubtle?: boolean;
}

export interface FactSet extends ElementBase {
  type: "FactSet";
  facts: { title: string; value: string }[];
}

export interface ActionSet extends ElementBase {
  type: "ActionSet";
  actions: ExecuteAction[];
}

export interface TextInput extends ElementBase {
  type: "Input.Text";
  id: string;
  label: string;
  isRequired: boolean;
  errorMessage?: string;
  isMultiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  value?: string;
}

export interface ChoiceSetInput extends ElementBase {
  type: "Input.ChoiceSet";
  id: string;
  label: string;
  style: "compact";
  isMultiSelect: boolean;
  choices: { title: string; value: string }[];
  isRequired: boolean;
  errorMessage?: string;
  value?: string;
}

/** One bar of a Teams chart. */
export interface ChartBar {
  x: string;
  y: number;
}

/**
 * Teams' vertical bar chart (an Adaptive Card element Teams draws; see "Charts in Adaptive Cards" in the Teams
 * docs). Hosts that do not know it, like the adaptivecards SDK, show `fallback` instead.
 */
export interface VerticalBarChart extends ElementBase {
  type: "Chart.VerticalBar";
  title: string;
  yAxisTitle?: string;
  showBarValues: true;
  data: ChartBar[];
  fallback: TextBlock;
}

export type CardElement = TextBlock | FactSet | ActionSet | TextInput | ChoiceSetInput | VerticalBarChart;

export interface AdaptiveCardJson {
  $schema: string;
  type: "AdaptiveCard";
  version: "1.5";
  fallbackText?: string;
  body: CardElement[];
  msteams: { entities: MentionEntity[] };
  refresh?: CardRefresh;
}

export interface RenderedCard {
  card: AdaptiveCardJson;
  entities: MentionEntity[];
}

/** Teams refuses messages over about 80 KB; the card's JSON is kept under this, leaving room for the activity. */
export const TEAMS_CARD_MAX_BYTES = 75_000;
/** The longest text one element gets, so that one huge text cannot push everything else out of the card. */
export const TEAMS_TEXT_MAX = 10_000;
/** Actions per ActionSet (the Adaptive Cards default host config allows 5; Teams shows at most 6). */
export const TEAMS_ACTIONS_PER_SET = 5;
/** Bars per chart: more would not be readable in a chat card (the fallback text still holds them all). */
export const TEAMS_CHART_BARS_MAX = 24;

const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
const LABEL_MAX = 500;
/** Input ids are merged into Action.Submit data, so they must not shadow its keys. */
const RESERVED_IDS = ["actionId", "value"];

interface RenderState {
  /** Input ids used so far (unique in a card). */
  inputIds: Set<string>;
  /** The card's markdown; it keeps the mention texts of the card distinct between people. */
  markdown: MarkupDialect<MentionEntity>;
}

/** One body element and the mentions written in it. */
interface Part {
  element: CardElement;
  mentions: MentionEntity[];
}

/** The neutral action id behind an input id: repeated ids get a `#n` suffix. */
export function neutralInputId(id: string): string {
  return id.replace(/#\d+$/, "");
}

export function renderAdaptiveCard(message: Message, ctx: TeamsRenderContext): RenderedCard {
  const state = newState(ctx);
  const parts = renderParts(message.blocks, state);
  const body = parts.length > 0 ? parts : summaryParts(message.summary);
  const rendered = assemble(body, [], clean(message.summary).trim());
  const viewers = [...new Set(ctx.viewers ?? [])].slice(0, TEAMS_REFRESH_USERS_MAX);
  if (!message.refresh || viewers.length === 0) return rendered;
  // A few hundred bytes at most (60 ids): within the room TEAMS_CARD_MAX_BYTES leaves under Teams' limit.
  const { actionId, value } = message.refresh;
  const refresh: CardRefresh = {
    action: { type: "Action.Execute", verb: actionId, data: { actionId, value, viewers } },
    userIds: viewers,
  };
  return { ...rendered, card: { ...rendered.card, refresh } };
}

export function renderAdaptiveCardForm(form: Form, ctx: TeamsRenderContext): RenderedCard {
  const state = newState(ctx);
  const title = oneLine(form.title);
  const titleParts = title === "" ? [] : renderBlock({ type: "header", text: title }, state);
  const submit = executeAction(
    label(form.submitLabel, "Submit"),
    submitData(form.submitActionId, form.value),
    "positive",
  );
  return assemble([...titleParts, ...renderParts(form.blocks, state)], [submit], title);
}

function newState(ctx: TeamsRenderContext): RenderState {
  return { inputIds: new Set(RESERVED_IDS), markdown: createTeamsMarkdownDialect(ctx.tenantId) };
}

function summaryParts(summary: string): Part[] {
  const text = truncate(escapeMarkdown(clean(summary).trim()), TEAMS_TEXT_MAX);
  return text === "" ? [] : [{ element: { type: "TextBlock", text, wrap: true }, mentions: [] }];
}

/** Renders blocks; a divider becomes a separator on the element after it. */
function renderParts(blocks: readonly Block[], state: RenderState): Part[] {
  const parts: Part[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === "divider") {
      separate = parts.length > 0;
      continue;
    }
    const rendered = renderBlock(block, state);
    const first = rendered[0];
    if (!first) continue;
    if (separate) first.element.separator = true;
    separate = false;
    parts.push(...rendered);
  }
  return parts;
}

function renderBlock(block: Exclude<Block, { type: "divider" }>, state: RenderState): Part[] {
  switch (block.type) {
    case "header":
      return headerParts(block.text);
    case "text":
      return textParts(markdown(block.text, state), {});
    case "context":
      return textParts(markdown(block.text, state), { isSubtle: true, size: "Small" });
    case "chart":
      return chartParts(block, state);
    case "fields":
      return factParts(block.fields, state);
    case "actions":
      return actionParts(block.buttons);
    case "choice":
      return choiceParts(block, state);
    case "text-input":
      return textInputParts(block, state);
  }
}

// ---- elements ----

function headerParts(text: string): Part[] {
  const line = truncate(escapeMarkdown(oneLine(text)), LABEL_MAX);
  if (line === "") return [];
  return [
    { element: { type: "TextBlock", text: line, size: "Large", weight: "Bolder", wrap: true }, mentions: [] },
  ];
}

function textParts(rendered: Rendered, style: Pick<TextBlock, "isSubtle" | "size">): Part[] {
  if (isBlank(rendered.text)) return [];
  return [
    {
      element: { type: "TextBlock", text: rendered.text, wrap: true, ...style },
      mentions: rendered.entities,
    },
  ];
}

type ChartBlock = Extract<Block, { type: "chart" }>;

/** A Teams bar chart with the text chart as its fallback; only the text when there is nothing to draw. */
function chartParts(block: ChartBlock, state: RenderState): Part[] {
  const title = truncate(oneLine(block.title), LABEL_MAX);
  const bars = block.points.slice(0, TEAMS_CHART_BARS_MAX).map(
    (point): ChartBar => ({
      x:
        truncate(oneLine(point.label), BAR_LABEL_MAX) +
        (chartValue(point.value) === null ? " (no data)" : ""),
      y: chartValue(point.value) ?? 0,
    }),
  );
  const rendered = markdown(block.fallback, state);
  const fallbackText = isBlank(rendered.text)
    ? escapeMarkdown(
        [title, ...bars.map((bar) => `${oneLine(bar.x)} ${bar.y}`)].filter((x) => x !== "").join(" · "),
      )
    : rendered.text;
  const [fallback] = textParts({ text: fallbackText, entities: [] }, { isSubtle: true, size: "Small" });
  if (!fallback) return [];
  if (bars.length === 0) return [{ element: fallback.element, mentions: rendered.entities }];
  const chart: VerticalBarChart = {
    type: "Chart.VerticalBar",
    title: title || "Chart",
    showBarValues: true,
    data: bars,
    fallback: fallback.element as TextBlock,
  };
  const axis = truncate(oneLine(block.valueLabel ?? ""), LABEL_MAX);
  if (axis !== "") chart.yAxisTitle = axis;
  return [{ element: chart, mentions: rendered.entities }];
}

const BAR_LABEL_MAX = 40;

/** A finite number to draw, or null. */
function chartValue(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

const FACTS_PER_SET = 10;

function factParts(fields: readonly { label: string; value: RichText }[], state: RenderState): Part[] {
  const facts = fields
    .map((field) => ({
      title: truncate(escapeMarkdown(oneLine(field.label)), LABEL_MAX),
      value: markdown(field.value, state),
    }))
    .filter((fact) => !isBlank(fact.title) || !isBlank(fact.value.text));
  return chunk(facts, FACTS_PER_SET).map((group) => ({
    element: { type: "FactSet", facts: group.map((fact) => ({ title: fact.title, value: fact.value.text })) },
    mentions: group.flatMap((fact) => fact.value.entities),
  }));
}

function actionParts(buttons: readonly Button[]): Part[] {
  return chunk(buttons, TEAMS_ACTIONS_PER_SET).map((group) => ({
    element: { type: "ActionSet", actions: group.map(buttonAction) },
    mentions: [],
  }));
}

function buttonAction(button: Button): ExecuteAction {
  const style =
    button.style === "primary" ? "positive" : button.style === "danger" ? "destructive" : undefined;
  return executeAction(label(button.label, "Select"), submitData(button.actionId, button.value), style);
}

/** An Action.Execute whose verb is the action id, with an Action.Submit of the same data as its fallback. */
function executeAction(title: string, data: ActionData, style?: SubmitAction["style"]): ExecuteAction {
  const fallback: SubmitAction = { type: "Action.Submit", title, data };
  if (style) fallback.style = style;
  return { type: "Action.Execute", title, verb: data.actionId, data, ...(style ? { style } : {}), fallback };
}

function submitData(actionId: string, value: string | undefined): ActionData {
  return value === undefined ? { actionId } : { actionId, value };
}

type ChoiceBlock = Extract<Block, { type: "choice" }>;
type TextInputBlock = Extract<Block, { type: "text-input" }>;

function choiceParts(block: ChoiceBlock, state: RenderState): Part[] {
  const choices = choiceList(block.options);
  if (choices.length === 0) return [];
  const element: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: uniqueId(block.id, state.inputIds),
    label: label(block.label, block.id),
    style: "compact",
    isMultiSelect: block.multiple === true,
    choices,
    ...required(block.optional),
  };
  const initial = initialValue(block.initial, choices, block.multiple === true);
  if (initial !== undefined) element.value = initial;
  return [{ element, mentions: [] }];
}

function choiceList(options: readonly ChoiceOption[]): ChoiceSetInput["choices"] {
  const seen = new Set<string>();
  const choices: ChoiceSetInput["choices"] = [];
  for (const option of options) {
    const value = clean(option.value);
    if (value === "" || seen.has(value)) continue;
    seen.add(value);
    choices.push({ title: label(option.label, value), value });
  }
  return choices;
}

/** The initial choice(s); a multi-select holds its values comma-separated. */
function initialValue(
  initial: string | readonly string[] | undefined,
  choices: ChoiceSetInput["choices"],
  multiple: boolean,
): string | undefined {
  if (initial === undefined) return undefined;
  const wanted = new Set((typeof initial === "string" ? [initial] : initial).map(clean));
  const values = choices.map((choice) => choice.value).filter((value) => wanted.has(value));
  const chosen = multiple ? values : values.slice(0, 1);
  return chosen.length > 0 ? chosen.join(",") : undefined;
}

function textInputParts(block: TextInputBlock, state: RenderState): Part[] {
  const element: TextInput = {
    type: "Input.Text",
    id: uniqueId(block.id, state.inputIds),
    label: label(block.label, block.id),
    ...required(block.optional),
  };
  if (block.multiline) element.isMultiline = true;
  const maxLength = block.maxLength === undefined ? undefined : Math.max(1, Math.floor(block.maxLength));
  if (maxLength !== undefined) element.maxLength = maxLength;
  const placeholder = oneLine(block.placeholder ?? "");
  if (placeholder !== "") element.placeholder = truncate(placeholder, LABEL_MAX);
  const initial = cutMarkdown(
    clean(block.initial ?? ""),
    Math.min(maxLength ?? TEAMS_TEXT_MAX, TEAMS_TEXT_MAX),
  );
  if (initial !== "") element.value = initial;
  return [{ element, mentions: [] }];
}

function required(optional: boolean | undefined): { isRequired: boolean; errorMessage?: string } {
  return optional ? { isRequired: false } : { isRequired: true, errorMessage: "Please fill this in." };
}

// ---- size limit ----

/** Builds the card, dropping trailing body elements (and saying how many) while its JSON is over the limit. */
function assemble(parts: readonly Part[], actions: ExecuteAction[], fallback: string): RenderedCard {
  let kept = parts.length;
  let rendered = build(parts, kept, actions, fallback);
  if (bytes(rendered.card) <= TEAMS_CARD_MAX_BYTES) return rendered;
  kept = fittingCount(parts, actions, fallback);
  rendered = build(parts, kept, actions, fallback);
  while (kept > 0 && bytes(rendered.card) > TEAMS_CARD_MAX_BYTES) {
    kept -= 1;
    rendered = build(parts, kept, actions, fallback);
  }
  if (bytes(rendered.card) > TEAMS_CARD_MAX_BYTES) {
    throw new RangeError(
      "Adaptive Card too large even without a body: the form's value or actions are too big.",
    );
  }
  return rendered;
}

/** How many leading parts fit, counting each part's JSON and its new mention entities, with room for the note. */
function fittingCount(parts: readonly Part[], actions: ExecuteAction[], fallback: string): number {
  const note = bytes(moreNote(parts.length, true)) + 1;
  let used = bytes(build([], 0, actions, fallback).card) + note;
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const fresh = part.mentions.filter((mention) => !seen.has(entityKey(mention)));
    const cost = bytes(part.element) + 1 + fresh.reduce((sum, mention) => sum + bytes(mention) + 1, 0);
    if (used + cost > TEAMS_CARD_MAX_BYTES) return index;
    used += cost;
    for (const mention of fresh) seen.add(entityKey(mention));
  }
  return parts.length;
}

function build(
  parts: readonly Part[],
  kept: number,
  actions: ExecuteAction[],
  fallback: string,
): RenderedCard {
  const shown = parts.slice(0, kept);
  const body = shown.map((part) => part.element);
  const dropped = parts.length - kept;
  if (dropped > 0) body.push(moreNote(dropped, kept > 0));
  // A form's submit button goes last, in an ActionSet (not the card's `actions`) so that its fallback works in old clients.
  if (actions.length > 0) body.push({ type: "ActionSet", actions });
  const entities = uniqueEntities(shown.flatMap((part) => part.mentions));
  const card: AdaptiveCardJson = {
    $schema: SCHEMA,
    type: "AdaptiveCard",
    version: "1.5",
    body,
    msteams: { entities },
  };
  const fallbackText = truncate(fallback, LABEL_MAX);
  if (fallbackText !== "") card.fallbackText = fallbackText;
  return { card, entities };
}

function moreNote(count: number, separator: boolean): TextBlock {
  const note: TextBlock = {
    type: "TextBlock",
    text: `_${count} more ${count === 1 ? "item" : "items"} not shown_`,
    wrap: true,
    isSubtle: true,
    size: "Small",
  };
  if (separator) note.separator = true;
  return note;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

function entityKey(mention: MentionEntity): string {
  return `${mention.mentioned.id}\u0000${mention.text}`;
}

function uniqueEntities(mentions: readonly MentionEntity[]): MentionEntity[] {
  const byKey = new Map<string, MentionEntity>();
  for (const mention of mentions) byKey.set(entityKey(mention), byKey.get(entityKey(mention)) ?? mention);
  return [...byKey.values()];
}

// ---- rich text to markdown ----

type Rendered = RenderedRichText<MentionEntity>;

function markdown(text: RichText, state: RenderState): Rendered {
  return renderRichText(text, state.markdown, TEAMS_TEXT_MAX);
}

// ---- plain text helpers ----

/** A plain one-line label (input labels, button titles, choice titles), never empty. */
function label(text: string, fallback: string): string {
  return truncate(oneLine(text) || oneLine(fallback) || ELLIPSIS, LABEL_MAX);
}

function uniqueId(base: string, taken: Set<string>): string {
  const root = oneLine(base) || "input";
  let id = root;
  for (let n = 2; taken.has(id); n++) id = `${root}#${n}`;
  taken.add(id);
  return id;
}

/** Card text of at most `max` characters, cut at whole markdown tokens. */
function truncate(text: string, max: number): string {
  return truncateTokens(text, max, cutMarkdown);
}
