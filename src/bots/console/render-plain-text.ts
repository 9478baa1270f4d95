// Renders the core's neutral message as plain terminal text: underlined header, *bold*, "Name (Institution)", numbered buttons.
import type { Block, Button, Form, RichText } from "../../core/message.ts";
import { chartLines, clean } from "../render-text.ts";
import { renderRichText } from "../rich-text/render-rich-text.ts";
import { plainTextDialect } from "./plain-text-dialect.ts";

export type InputBlock = Extract<Block, { type: "choice" } | { type: "text-input" }>;

/** A button as shown: the number a person types to press it. */
export interface NumberedButton {
  number: number;
  button: Button;
}

export interface PlainText {
  text: string;
  buttons: NumberedButton[];
  /** Inputs shown in the message: asked for, field by field, when one of its buttons is pressed. */
  inputs: InputBlock[];
}

const DIVIDER = "-".repeat(40);

/** Rich text as a terminal shows it: bold as *x*, links as "text (url)", people as "Name (Institution)". */
export function plainRichText(text: RichText): string {
  return renderRichText(text, plainTextDialect).text;
}

export function underline(text: string): string {
  const line = clean(text).replace(/\s+/g, " ").trim();
  return `${line}\n${"=".repeat(Math.max([...line].length, 3))}`;
}

/** The name a button stands for when several buttons share a label: the first person or bold text above it. */
function subjectOf(block: Block): string | undefined {
  const texts: RichText[] =
    block.type === "text" || block.type === "context"
      ? [block.text]
      : block.type === "fields"
        ? block.fields.map((f) => f.value)
        : [];
  for (const text of texts) {
    if (typeof text === "string") continue;
    for (const span of text) {
      if (typeof span === "string") continue;
      if ("mention" in span) return span.mention.name;
      if ("bold" in span && span.bold.trim() !== "") return span.bold.trim();
    }
  }
  return undefined;
}

function describeInput(block: InputBlock): string {
  if (block.type === "choice") {
    const options = block.options.map((o) => clean(o.label)).join(" / ");
    return `${clean(block.label)}: (choose: ${options})`;
  }
  return `${clean(block.label)}: (asked when you press a button below)`;
}

/**
 * Renders blocks as lines of text. Buttons are numbered from `firstNumber` on; when a message holds several
 * buttons with the same label (one "Request intro" per suggestion), each also names who it is about.
 */
export function renderPlainText(blocks: readonly Block[], firstNumber = 1): PlainText {
  const labels = blocks.flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.label) : []));
  const repeated = new Set(labels.filter((label, i) => labels.indexOf(label) !== i));
  const lines: string[] = [];
  const buttons: NumberedButton[] = [];
  const inputs: InputBlock[] = [];
  let subject: string | undefined;
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        lines.push(underline(block.text));
        break;
      case "text":
        lines.push(plainRichText(block.text));
        break;
      case "context":
      case "chart":
        lines.push(
          (block.type === "chart" ? chartLines(block).join("\n") : plainRichText(block.text))
            .split("\n")
            .map((line) => `  ${line}`)
            .join("\n"),
        );
        break;
      case "fields":
        for (const field of block.fields) lines.push(`${clean(field.label)}: ${plainRichText(field.value)}`);
        break;
      case "divider":
        lines.push(DIVIDER);
        break;
      case "actions":
        for (const button of block.buttons) {
          const number = firstNumber + buttons.length;
          const about = repeated.has(button.label) && subject ? ` — ${clean(subject)}` : "";
          lines.push(`[${number}] ${clean(button.label)}${about}`);
          buttons.push({ number, button });
        }
        break;
      case "choice":
      case "text-input":
        lines.push(describeInput(block));
        inputs.push(block);
        break;
    }
    subject = subjectOf(block) ?? (block.type === "actions" ? undefined : subject);
  }
  return { text: lines.join("\n"), buttons, inputs };
}

/** A form's opening: its title underlined and whatever it shows before the inputs are asked for. */
export function renderFormIntro(form: Form, firstNumber = 1): PlainText {
  const shown = form.blocks.filter((b) => b.type !== "choice" && b.type !== "text-input");
  const body = renderPlainText(shown, firstNumber);
  const inputs = form.blocks.filter((b): b is InputBlock => b.type === "choice" || b.type === "text-input");
  const text = [underline(form.title), body.text].filter((part) => part !== "").join("\n");
  return { text, buttons: body.buttons, inputs };
}

/** The lines that introduce one input of a form: its label, and numbered options for a choice. */
export function renderInputPrompt(block: InputBlock): string {
  const initial = block.initial;
  if (block.type === "choice") {
    const options = block.options.map((o, i) => `  ${i + 1}) ${clean(o.label)}`);
    const how = block.multiple ? "numbers separated by commas" : "a number";
    const keeps = initialLabels(block);
    const hint = keeps ? `Enter keeps ${keeps}` : block.optional ? "Enter to skip" : undefined;
    return [`${clean(block.label)} (${how}${hint ? `; ${hint}` : ""}):`, ...options].join("\n");
  }
  const parts: string[] = [];
  const placeholder = block.placeholder ? clean(block.placeholder) : "";
  if (placeholder) parts.push(/^e\.g\./i.test(placeholder) ? placeholder : `e.g. ${placeholder}`);
  if (typeof initial === "string" && initial !== "") parts.push(`Enter keeps "${clean(initial)}"`);
  else if (block.optional)
    parts.push(/optional/i.test(block.label) ? "Enter to skip" : "optional, Enter to skip");
  if (block.maxLength) parts.push(`at most ${block.maxLength} characters`);
  return `${clean(block.label)}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}:`;
}

function initialLabels(block: Extract<InputBlock, { type: "choice" }>): string | undefined {
  const initial = block.initial;
  if (initial === undefined) return undefined;
  const values = typeof initial === "string" ? [initial] : initial;
  const labels = block.options.filter((o) => values.includes(o.value)).map((o) => clean(o.label));
  return labels.length > 0 ? labels.join(", ") : undefined;
}
