// Renders the neutral message to Slack Block Kit (messages and modals), cutting visibly to stay inside Slack's limits.
import type { types as slack } from "@slack/bolt";
import {
  type Block,
  type Button,
  bold,
  type ChoiceOption,
  type Form,
  type Message,
  plainText,
  type RichText,
} from "../../core/message.ts";
import { chartLines, chunk, clean, ELLIPSIS, isBlank, oneLine, truncate } from "../render-text.ts";
import { renderRichText } from "../rich-text/render-rich-text.ts";
import { cutMrkdwn, escapeMrkdwn, slackMrkdwnDialect } from "./slack-mrkdwn-dialect.ts";

export interface SlackRenderContext {
  /** The Slack team id the message goes to: only identities in this team are mentioned as `<@U…>`. */
  tenantId: string;
}

export interface SlackModalOptions {
  /** Defaults to the form's submitActionId. */
  callbackId?: string;
  /** Defaults to the form's value. */
  privateMetadata?: string;
}

/** Slack's documented limits; lengths are counted in UTF-16 code units, which never undercounts characters. */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  messageText: 3000,
  sectionText: 3000,
  headerText: 150,
  sectionFields: 10,
  fieldText: 2000,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  textInput: 3000,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

/** Where the blocks go: inputs become input blocks in a modal, section accessories in a message. */
type Surface = "message" | "modal";

interface RenderState {
  ctx: SlackRenderContext;
  surface: Surface;
  /** block_ids already used in this message or view (they must be unique there). */
  blockIds: Set<string>;
}

/** The neutral action id behind a Slack action_id: duplicates inside one block get a `#n` suffix. */
export function neutralActionId(actionId: string): string {
  return actionId.replace(/#\d+$/, "");
}

export function renderBlockKit(
  message: Message,
  ctx: SlackRenderContext,
): { text: string; blocks: slack.KnownBlock[] } {
  return renderWithin(message, ctx, SLACK_LIMITS.messageBlocks);
}

/** The App Home tab (views.publish): the message's blocks as a `home` view, buttons and all. */
export function renderSlackHome(message: Message, ctx: SlackRenderContext): slack.HomeView {
  const { blocks } = renderWithin(message, ctx, SLACK_LIMITS.homeBlocks);
  return { type: "home", blocks };
}

function renderWithin(
  message: Message,
  ctx: SlackRenderContext,
  max: number,
): { text: string; blocks: slack.KnownBlock[] } {
  const state: RenderState = { ctx, surface: "message", blockIds: new Set() };
  const text = summaryText(message);
  const rendered = message.blocks.flatMap((block) => renderBlock(block, state));
  const blocks = rendered.length > 0 ? rendered : [section(text)];
  return { text, blocks: limitBlocks(blocks, max) };
}

export function renderSlackModal(
  form: Form,
  ctx: SlackRenderContext,
  options: SlackModalOptions = {},
): slack.ModalView {
  const state: RenderState = { ctx, surface: "modal", blockIds: new Set() };
  const blocks = form.blocks.flatMap((block) => renderBlock(block, state));
  const view: slack.ModalView = {
    type: "modal",
    title: plain(form.title, SLACK_LIMITS.modalTitle, "Form"),
    submit: plain(form.submitLabel, SLACK_LIMITS.modalButton, "Submit"),
    close: plain("Cancel", SLACK_LIMITS.modalButton, "Cancel"),
    callback_id: cutRaw(clean(options.callbackId ?? form.submitActionId), SLACK_LIMITS.callbackId),
    blocks: limitBlocks(blocks, SLACK_LIMITS.modalBlocks),
  };
  const metadata = options.privateMetadata ?? form.value;
  if (metadata !== undefined) view.private_metadata = cutRaw(metadata, SLACK_LIMITS.privateMetadata);
  return view;
}

// ---- blocks ----

function renderBlock(block: Block, state: RenderState): slack.KnownBlock[] {
  switch (block.type) {
    case "header":
      return header(block.text);
    case "text":
      return optionalSection(mrkdwn(block.text, state.ctx, SLACK_LIMITS.sectionText));
    case "context":
      return context(mrkdwn(block.text, state.ctx, SLACK_LIMITS.contextText));
    case "chart":
      // Block Kit has no chart: a text chart, one labelled line per point, as a context block.
      return context(mrkdwn(chartLines(block).join("\n"), state.ctx, SLACK_LIMITS.contextText));
    case "fields":
      return fields(block.fields, state.ctx);
    case "actions":
      return actions(block.buttons);
    case "choice":
      return choice(block, state);
    case "text-input":
      return textInput(block, state);
    case "divider":
      return [{ type: "divider" }];
  }
}

function header(text: string): slack.KnownBlock[] {
  const line = oneLine(text);
  if (line === "") return [];
  return [{ type: "header", text: plain(line, SLACK_LIMITS.headerText, line) }];
}

function section(text: string): slack.SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function optionalSection(text: string): slack.KnownBlock[] {
  return isBlank(text) ? [] : [section(text)];
}

function context(text: string): slack.KnownBlock[] {
  return isBlank(text) ? [] : [{ type: "context", elements: [{ type: "mrkdwn", text }] }];
}

function fields(
  list: readonly { label: string; value: RichText }[],
  ctx: SlackRenderContext,
): slack.KnownBlock[] {
  const texts = list
    .map((field) => fieldText(field.label, field.value, ctx))
    .filter((text) => !isBlank(text));
  return chunk(texts, SLACK_LIMITS.sectionFields).map((group) => ({
    type: "section",
    fields: group.map((text) => ({ type: "mrkdwn", text })),
  }));
}

/** The label in bold on its own line, then the value; cut as one text. */
function fieldText(label: string, value: RichText, ctx: SlackRenderContext): string {
  const name = oneLine(label);
  const spans = typeof value === "string" ? [value] : value;
  return mrkdwn(name === "" ? spans : [bold(name), "\n", ...spans], ctx, SLACK_LIMITS.fieldText);
}

function actions(buttons: readonly Button[]): slack.KnownBlock[] {
  return chunk(buttons, SLACK_LIMITS.actionsElements).map((group) => {
    const taken = new Set<string>();
    return { type: "actions", elements: group.map((button) => renderButton(button, taken)) };
  });
}

function renderButton(button: Button, taken: Set<string>): slack.Button {
  const element: slack.Button = {
    type: "button",
    text: plain(button.label, SLACK_LIMITS.buttonText, "Select"),
    action_id: uniqueId(button.actionId, taken, SLACK_LIMITS.actionId, "action"),
  };
  const value = cutRaw(clean(button.value), SLACK_LIMITS.buttonValue);
  if (value !== "") element.value = value;
  if (button.style) element.style = button.style;
  return element;
}

type ChoiceBlock = Extract<Block, { type: "choice" }>;
type TextInputBlock = Extract<Block, { type: "text-input" }>;

function choice(block: ChoiceBlock, state: RenderState): slack.KnownBlock[] {
  const options = choiceOptions(block.options);
  if (options.length === 0) return [];
  const id = uniqueId(block.id, state.blockIds, SLACK_LIMITS.blockId, "input");
  const element = choiceElement(block, options, id);
  if (state.surface === "modal") return [inputBlock(id, block.label, block.optional, element)];
  const label = mrkdwn(block.label, state.ctx, SLACK_LIMITS.sectionText);
  return [
    {
      type: "section",
      block_id: id,
      text: { type: "mrkdwn", text: isBlank(label) ? "Choose" : label },
      accessory: element,
    },
  ];
}

function choiceElement(
  block: ChoiceBlock,
  options: slack.PlainTextOption[],
  actionId: string,
): slack.StaticSelect | slack.MultiStaticSelect | slack.Checkboxes {
  const initial = initialOptions(block.initial, options);
  const placeholder = plain(block.label, SLACK_LIMITS.placeholder, "Choose");
  if (!block.multiple) {
    const select: slack.StaticSelect = { type: "static_select", action_id: actionId, placeholder, options };
    if (initial[0]) select.initial_option = initial[0];
    return select;
  }
  if (options.length <= SLACK_LIMITS.checkboxOptions) {
    const boxes: slack.Checkboxes = { type: "checkboxes", action_id: actionId, options };
    if (initial.length > 0) boxes.initial_options = initial;
    return boxes;
  }
  const multi: slack.MultiStaticSelect = {
    type: "multi_static_select",
    action_id: actionId,
    placeholder,
    options,
  };
  if (initial.length > 0) multi.initial_options = initial;
  return multi;
}

function choiceOptions(options: readonly ChoiceOption[]): slack.PlainTextOption[] {
  const seen = new Set<string>();
  const result: slack.PlainTextOption[] = [];
  for (const option of options) {
    const value = optionValue(option.value);
    if (value === "" || seen.has(value)) continue;
    seen.add(value);
    result.push({ text: plain(option.label, SLACK_LIMITS.optionText, value), value });
  }
  return result.slice(0, SLACK_LIMITS.selectOptions);
}

function optionValue(value: string): string {
  return cutRaw(clean(value), SLACK_LIMITS.optionValue);
}

function initialOptions(
  initial: string | readonly string[] | undefined,
  options: slack.PlainTextOption[],
): slack.PlainTextOption[] {
  if (initial === undefined) return [];
  const wanted = new Set((typeof initial === "string" ? [initial] : initial).map(optionValue));
  return options.filter((option) => option.value !== undefined && wanted.has(option.value));
}

function textInput(block: TextInputBlock, state: RenderState): slack.KnownBlock[] {
  const id = uniqueId(block.id, state.blockIds, SLACK_LIMITS.blockId, "input");
  const maxLength = Math.min(
    Math.max(1, Math.floor(block.maxLength ?? SLACK_LIMITS.textInput)),
    SLACK_LIMITS.textInput,
  );
  const element: slack.PlainTextInput = { type: "plain_text_input", action_id: id };
  if (block.multiline) element.multiline = true;
  if (block.maxLength !== undefined) element.max_length = maxLength;
  if (block.placeholder && !isBlank(block.placeholder)) {
    element.placeholder = plain(block.placeholder, SLACK_LIMITS.placeholder, "…");
  }
  const initial = cutRaw(clean(block.initial ?? ""), maxLength);
  if (initial !== "") element.initial_value = initial;
  return [inputBlock(id, block.label, block.optional, element)];
}

function inputBlock(
  id: string,
  label: string,
  optional: boolean | undefined,
  element: slack.InputBlockElement,
): slack.InputBlock {
  const block: slack.InputBlock = {
    type: "input",
    block_id: id,
    label: plain(label, SLACK_LIMITS.inputLabel, id),
    element,
  };
  if (optional) block.optional = true;
  return block;
}

/** Keeps at most `max` blocks; when some are dropped, the last kept block says how many. */
function limitBlocks(blocks: slack.KnownBlock[], max: number): slack.KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const dropped = blocks.slice(max - 1).filter((block) => block.type !== "divider").length;
  if (dropped === 0) return blocks.slice(0, max);
  const note = `_${dropped} more ${dropped === 1 ? "item" : "items"} not shown_`;
  return [...blocks.slice(0, max - 1), { type: "context", elements: [{ type: "mrkdwn", text: note }] }];
}

function summaryText(message: Message): string {
  const summary = clean(message.summary).trim() || firstText(message.blocks);
  return truncate(escapeMrkdwn(summary), SLACK_LIMITS.messageText, cutMrkdwn) || "New message";
}

function firstText(blocks: readonly Block[]): string {
  for (const block of blocks) {
    if (block.type === "header") return oneLine(block.text);
    if (block.type === "text") return clean(plainText(block.text)).trim();
  }
  return "";
}

// ---- rich text to mrkdwn ----

function mrkdwn(text: RichText, ctx: SlackRenderContext, max: number): string {
  return renderRichText(text, slackMrkdwnDialect(ctx.tenantId), max).text;
}

// ---- plain text helpers ----

/** A plain_text object of at most `max` characters, never empty. */
function plain(text: string, max: number, fallback: string): slack.PlainTextElement {
  const line = oneLine(text) || oneLine(fallback) || ELLIPSIS;
  return { type: "plain_text", text: truncate(line, max, cutMrkdwn), emoji: true };
}

/** Machine strings (ids, values): cut without an ellipsis, never inside a surrogate pair. */
function cutRaw(text: string, max: number): string {
  return cutMrkdwn(text, max);
}

/** An id unique among `taken`: repeats get a `#n` suffix (see neutralActionId). */
function uniqueId(base: string, taken: Set<string>, max: number, fallback: string): string {
  const root = cutRaw(clean(base), max) || fallback;
  let id = root;
  for (let n = 2; taken.has(id); n++) {
    const suffix = `#${n}`;
    id = cutRaw(root, max - suffix.length) + suffix;
  }
  taken.add(id);
  return id;
}
