// Property test: random messages and forms (long, unicode, control characters, many blocks) never render past Slack's or Teams' limits.
import type { types as slack } from "@slack/bolt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBlockKit, renderSlackModal } from "../../src/bots/slack/render-block-kit.ts";
import { renderAdaptiveCard, renderAdaptiveCardForm } from "../../src/bots/teams/render-adaptive-card.ts";
import type { Block, Form, Message, PersonRef, RichText, Span } from "../../src/core/message.ts";
import { cardProblems } from "../helpers/adaptive-card-check.ts";

// ---- arbitraries ----

const anyUtf16 = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const tricky = fc.constantFrom(
  "&",
  "<",
  ">",
  "*",
  "_",
  "~",
  "`",
  "\\",
  "[",
  "]",
  "(",
  ")",
  "|",
  "#",
  "- ",
  "1. ",
  "\n",
  "\r\n",
  "\t",
  "\u0000",
  "\u001b",
  "\u2028",
  "<at>",
  "</at>",
  "<!channel>",
  "😀",
  "👩‍🔬",
  "é",
  "\uD800",
  "\uDC00",
  " ",
);
/** Long runs of one awkward unit, at most `max` characters. */
const boundedLongText = (max: number) =>
  fc
    .tuple(fc.constantFrom("a", "&", "<>", "😀", "é", "\\*", " ", "\n"), fc.integer({ min: 0, max }))
    .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)));
const longText = boundedLongText(12_000);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(anyUtf16, tricky), maxLength: 60 }) },
  { weight: 1, arbitrary: longText },
);
const shortText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.oneof(anyUtf16, tricky), maxLength: 20 }),
);

const person: fc.Arbitrary<PersonRef> = fc.record({
  id: shortText,
  name: text,
  institution: fc.option(text, { nil: undefined }),
  identities: fc.array(
    fc.record({
      platform: fc.constantFrom("slack" as const, "teams" as const, "console" as const),
      tenantId: fc.constantFrom("T1", "T2", "tenant-a"),
      userId: fc.oneof(fc.constantFrom("U123", "W9", "29:abc"), shortText),
    }),
    { maxLength: 3 },
  ),
});
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom("javascript:alert(1)", "mailto:a@b.org", "https://x.org/a|b>(c)"),
  text,
);
const span: fc.Arbitrary<Span> = fc.oneof(
  text,
  text.map((bold) => ({ bold })),
  fc.record({ link: url, text }),
  person.map((mention) => ({ mention })),
);
const rich: fc.Arbitrary<RichText> = fc.oneof(text, fc.array(span, { maxLength: 8 }));
const options = fc.array(fc.record({ label: text, value: fc.oneof(shortText, longText) }), {
  maxLength: 120,
});

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant("header" as const), text }),
  fc.record({ type: fc.constant("text" as const), text: rich }),
  fc.record({ type: fc.constant("context" as const), text: rich }),
  fc.record({ type: fc.constant("divider" as const) }),
  fc.record({
    type: fc.constant("fields" as const),
    fields: fc.array(fc.record({ label: text, value: rich }), { maxLength: 25 }),
  }),
  fc.record({
    type: fc.constant("actions" as const),
    buttons: fc.array(
      fc.record(
        {
          label: text,
          actionId: fc.oneof(shortText, longText),
          value: fc.oneof(shortText, longText),
          style: fc.constantFrom("primary" as const, "danger" as const),
        },
        { requiredKeys: ["label", "actionId", "value"] },
      ),
      { maxLength: 60 },
    ),
  }),
  fc.record(
    {
      type: fc.constant("choice" as const),
      id: shortText,
      label: text,
      options,
      initial: fc.oneof(shortText, fc.array(shortText, { maxLength: 5 })),
      multiple: fc.boolean(),
      optional: fc.boolean(),
    },
    { requiredKeys: ["type", "id", "label", "options"] },
  ),
  fc.record(
    {
      type: fc.constant("text-input" as const),
      id: shortText,
      label: text,
      placeholder: text,
      initial: text,
      multiline: fc.boolean(),
      maxLength: fc.integer({ min: -5, max: 10_000 }),
      optional: fc.boolean(),
    },
    { requiredKeys: ["type", "id", "label"] },
  ),
  fc.record(
    {
      type: fc.constant("chart" as const),
      title: text,
      valueLabel: text,
      points: fc.array(
        fc.record({
          label: text,
          value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 }), fc.double()),
        }),
        { maxLength: 40 },
      ),
      fallback: rich,
    },
    { requiredKeys: ["type", "title", "points", "fallback"] },
  ),
);

const message: fc.Arbitrary<Message> = fc.record({
  summary: text,
  blocks: fc.oneof(fc.array(block, { maxLength: 12 }), fc.array(block, { minLength: 40, maxLength: 130 })),
});
const form: fc.Arbitrary<Form> = fc.record(
  {
    title: text,
    // A form's one submit action cannot be dropped and its id is written three times (verb, data, fallback): ids
    // up to 2,000 characters (code's are ~20) must fit; the impossible ones are the throwing test below.
    submitActionId: fc.oneof(shortText, boundedLongText(2_000)),
    submitLabel: text,
    value: shortText,
    blocks: fc.oneof(fc.array(block, { maxLength: 12 }), fc.array(block, { minLength: 90, maxLength: 130 })),
  },
  { requiredKeys: ["title", "submitActionId", "submitLabel", "blocks"] },
);

// ---- Slack limits ----

/** Everything in a Block Kit payload that Slack would reject, as readable problems. */
function slackProblems(blocks: readonly slack.AnyBlock[], maxBlocks: number): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(blocks.length <= maxBlocks, `${blocks.length} blocks`);
  const blockIds = blocks.flatMap((b) => (b.block_id === undefined ? [] : [b.block_id]));
  check(new Set(blockIds).size === blockIds.length, "duplicate block_id");
  for (const id of blockIds) check(id.length >= 1 && id.length <= 255, "block_id length");
  for (const b of blocks as slack.KnownBlock[]) problems.push(...blockProblems(b));
  check(!/\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(blocks)), "lone surrogate");
  return problems;
}

function textOk(text: string | undefined, max: number): boolean {
  return text !== undefined && text.trim().length >= 1 && text.length <= max;
}

function blockProblems(b: slack.KnownBlock): string[] {
  switch (b.type) {
    case "header":
      return textOk(b.text.text, 150) ? [] : [`header ${b.text.text.length}`];
    case "section":
      return sectionProblems(b);
    case "context":
      return b.elements.length <= 10 && b.elements.every((e) => "text" in e && textOk(e.text, 3000))
        ? []
        : ["context text"];
    case "actions":
      return actionsProblems(b);
    case "input":
      return [...(textOk(b.label.text, 2000) ? [] : ["input label"]), ...elementProblems(b.element)];
    case "divider":
      return [];
    default:
      return [`unexpected block ${b.type}`];
  }
}

function sectionProblems(b: slack.SectionBlock): string[] {
  const problems: string[] = [];
  if (b.text !== undefined && !textOk(b.text.text, 3000)) problems.push(`section text ${b.text.text.length}`);
  if (b.fields !== undefined) {
    if (b.fields.length < 1 || b.fields.length > 10) problems.push(`${b.fields.length} fields`);
    for (const field of b.fields) if (!textOk(field.text, 2000)) problems.push(`field ${field.text.length}`);
  }
  if (b.text === undefined && b.fields === undefined) problems.push("empty section");
  if (b.accessory !== undefined) problems.push(...elementProblems(b.accessory));
  return problems;
}

function actionsProblems(b: slack.ActionsBlock): string[] {
  const problems: string[] = [];
  if (b.elements.length < 1 || b.elements.length > 25) problems.push(`${b.elements.length} actions elements`);
  const ids = b.elements.map((e) => e.action_id ?? "");
  if (new Set(ids).size !== ids.length) problems.push("duplicate action_id in block");
  for (const e of b.elements) problems.push(...elementProblems(e));
  return problems;
}

function elementProblems(e: { type: string; action_id?: string }): string[] {
  const problems: string[] = [];
  if (e.action_id !== undefined && (e.action_id.length < 1 || e.action_id.length > 255))
    problems.push("action_id");
  if (e.type === "button") {
    const button = e as slack.Button;
    if (!textOk(button.text.text, 75)) problems.push(`button text ${button.text.text.length}`);
    if (button.value !== undefined && (button.value.length < 1 || button.value.length > 2000)) {
      problems.push("button value");
    }
  }
  if (e.type === "static_select" || e.type === "multi_static_select" || e.type === "checkboxes") {
    const select = e as slack.StaticSelect | slack.MultiStaticSelect | slack.Checkboxes;
    const list = select.options ?? [];
    const max = e.type === "checkboxes" ? 10 : 100;
    if (list.length < 1 || list.length > max) problems.push(`${list.length} options in ${e.type}`);
    for (const option of list) {
      if (!textOk(option.text.text, 75)) problems.push("option text");
      if (!option.value || option.value.length > 150) problems.push("option value");
    }
    if ("placeholder" in select && select.placeholder && !textOk(select.placeholder.text, 150)) {
      problems.push("placeholder");
    }
    const values = new Set(list.map((option) => option.value));
    const initial = "initial_option" in select && select.initial_option ? [select.initial_option] : [];
    const initials = "initial_options" in select ? (select.initial_options ?? []) : [];
    for (const option of [...initial, ...initials])
      if (!values.has(option.value)) problems.push("initial option");
  }
  if (e.type === "plain_text_input") {
    const input = e as slack.PlainTextInput;
    const max = input.max_length ?? 3000;
    if (max < 1 || max > 3000) problems.push("max_length");
    if (input.initial_value !== undefined && input.initial_value.length > max) problems.push("initial_value");
    if (input.placeholder && !textOk(input.placeholder.text, 150)) problems.push("placeholder");
  }
  return problems;
}

// ---- the properties ----

const runs = { numRuns: 150 };

describe("the Slack limit check itself", () => {
  const section = (text: string): slack.KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
  const button = (id: string): slack.Button => ({
    type: "button",
    text: { type: "plain_text", text: "b" },
    action_id: id,
  });

  it("accepts a payload at the limits and flags each one just over", () => {
    expect(
      slackProblems([...Array.from({ length: 49 }, () => section("x")), section("y".repeat(3000))], 50),
    ).toEqual([]);
    expect(
      slackProblems(
        Array.from({ length: 51 }, () => section("x")),
        50,
      ),
    ).toEqual(["51 blocks"]);
    expect(slackProblems([section("y".repeat(3001))], 50)).toEqual(["section text 3001"]);
    expect(
      slackProblems([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }], 50),
    ).toEqual(["header 151"]);
    const fields = Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f" }));
    expect(slackProblems([{ type: "section", fields }], 50)).toEqual(["11 fields"]);
    const buttons = Array.from({ length: 26 }, (_, i) => button(`a${i}`));
    expect(slackProblems([{ type: "actions", elements: buttons }], 50)).toEqual(["26 actions elements"]);
    expect(slackProblems([{ type: "actions", elements: [button("a"), button("a")] }], 50)).toEqual([
      "duplicate action_id in block",
    ]);
  });
});

describe("rendering never exceeds platform limits", () => {
  it("Slack messages: ≤ 50 blocks, sections ≤ 3000, headers ≤ 150, ≤ 10 fields of ≤ 2000, ≤ 25 actions", () => {
    let cut = 0;
    fc.assert(
      fc.property(message, fc.constantFrom("T1", "T2"), (m, tenantId) => {
        const { text, blocks } = renderBlockKit(m, { tenantId });
        expect(slackProblems(blocks, 50)).toEqual([]);
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(3000);
        if (JSON.stringify(blocks.at(-1) ?? null).includes("not shown_")) cut += 1;
      }),
      runs,
    );
    // The generator does reach the block limit, so the cutting is exercised.
    expect(cut).toBeGreaterThan(0);
  });

  it("Slack modals: ≤ 100 blocks, title and submit ≤ 24", () => {
    fc.assert(
      fc.property(form, (f) => {
        const view = renderSlackModal(f, { tenantId: "T1" });
        expect(slackProblems(view.blocks, 100)).toEqual([]);
        expect(textOk(view.title.text, 24)).toBe(true);
        expect(textOk(view.submit?.text, 24)).toBe(true);
        expect((view.callback_id ?? "").length).toBeLessThanOrEqual(255);
        expect((view.private_metadata ?? "").length).toBeLessThanOrEqual(3000);
      }),
      runs,
    );
  });

  it("Teams cards: version 1.5, ≤ 80 KB, valid for the adaptivecards parser, every entity written in the card", () => {
    let cut = 0;
    fc.assert(
      fc.property(message, fc.constantFrom("tenant-a", "T1"), (m, tenantId) => {
        const { card, entities } = renderAdaptiveCard(m, { tenantId });
        const json = JSON.stringify(card);
        expect(card.version).toBe("1.5");
        expect(card.type).toBe("AdaptiveCard");
        expect(Buffer.byteLength(json, "utf8")).toBeLessThanOrEqual(80_000);
        expect(cardProblems(card)).toEqual([]);
        const bodyJson = JSON.stringify(card.body);
        for (const entity of entities) expect(bodyJson).toContain(JSON.stringify(entity.text).slice(1, -1));
        expect(card.msteams.entities).toEqual(entities);
        if (JSON.stringify(card.body.at(-1) ?? null).includes("not shown_")) cut += 1;
      }),
      runs,
    );
    // The generator does reach the size limit, so the cutting is exercised.
    expect(cut).toBeGreaterThan(0);
  });

  it("Teams forms: version 1.5, ≤ 80 KB, valid for the adaptivecards parser", () => {
    fc.assert(
      fc.property(form, (f) => {
        const { card } = renderAdaptiveCardForm(f, { tenantId: "tenant-a" });
        expect(card.version).toBe("1.5");
        expect(Buffer.byteLength(JSON.stringify(card), "utf8")).toBeLessThanOrEqual(80_000);
        expect(cardProblems(card)).toEqual([]);
      }),
      runs,
    );
  });

  it("Teams forms: a submit action too big for any card is refused with the reason, not sent over the limit", () => {
    const form = {
      title: "Log a milestone",
      submitActionId: "😀".repeat(8_000),
      submitLabel: "Save",
      blocks: [],
    };
    expect(() => renderAdaptiveCardForm(form, { tenantId: "tenant-a" })).toThrow(
      /too large even without a body/,
    );
  });
});
