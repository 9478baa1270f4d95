// Tests the Teams Adaptive Card renderer: block types, mentions as entities, escaping, the size cap, and validity per the adaptivecards parser.
import { describe, expect, it } from "vitest";
import {
  type AdaptiveCardJson,
  type ChoiceSetInput,
  type FactSet,
  neutralInputId,
  type RenderedCard,
  renderAdaptiveCard,
  renderAdaptiveCardForm,
  TEAMS_CARD_MAX_BYTES,
  TEAMS_CHART_BARS_MAX,
  type TextBlock,
  type TextInput,
  type VerticalBarChart,
} from "../../../src/bots/teams/render-adaptive-card.ts";
import {
  type Block,
  bold,
  type Form,
  link,
  type Message,
  mention,
  type PersonRef,
} from "../../../src/core/message.ts";
import { cardProblems } from "../../helpers/adaptive-card-check.ts";
import { ana, bo, checkinButtons, notesInput } from "../../helpers/message-samples.ts";

const ctx = { tenantId: "tenant-a" };

/** Renders and checks the card is valid before returning it. */
function render(message: Message): RenderedCard {
  const rendered = renderAdaptiveCard(message, ctx);
  expect(cardProblems(rendered.card)).toEqual([]);
  return rendered;
}

function body(...blocks: Block[]): AdaptiveCardJson["body"] {
  return render({ summary: "summary", blocks }).card.body;
}

function textOf(...blocks: Block[]): string {
  const [element] = body(...blocks);
  expect(element?.type).toBe("TextBlock");
  return (element as TextBlock).text;
}

function bytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

describe("the adaptivecards check itself", () => {
  it("reports unknown element and action types and bad values", () => {
    const problems = cardProblems({
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "Bogus" }, { type: "TextBlock", text: "x", size: "Huge" }],
      actions: [{ type: "Action.Bogus" }],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^UnknownElementType: .*Bogus/),
      expect.stringMatching(/^InvalidPropertyValue: .*Huge/),
      expect.stringMatching(/^UnknownActionType: .*Action\.Bogus/),
    ]);
  });

  it("accepts a Teams chart only with a fallback element, and checks that fallback like any element", () => {
    const chart = { type: "Chart.VerticalBar", title: "Rate", data: [{ x: "23 Nov", y: 80 }] };
    const card = (element: unknown) => ({ type: "AdaptiveCard", version: "1.5", body: [element] });
    const text = { type: "TextBlock", text: "▆ 80 %", wrap: true };
    expect(cardProblems(card({ ...chart, fallback: text }))).toEqual([]);
    expect(cardProblems(card(chart))).toEqual(["MissingFallback: Chart.VerticalBar has no fallback element"]);
    expect(cardProblems(card({ ...chart, fallback: { ...text, size: "Huge" } }))).toEqual([
      expect.stringMatching(/^InvalidPropertyValue: .*Huge/),
    ]);
    expect(cardProblems(card({ ...chart, type: "Chart.Bogus", fallback: text }))).toEqual([
      expect.stringMatching(/^UnknownElementType: .*Chart\.Bogus/),
    ]);
  });

  it("reports duplicate input ids and required inputs without a label", () => {
    const problems = cardProblems({
      type: "AdaptiveCard",
      version: "1.5",
      body: [
        { type: "Input.Text", id: "a", label: "A" },
        { type: "Input.Text", id: "a", isRequired: true, errorMessage: "!" },
      ],
    });
    expect(problems.some((problem) => problem.startsWith("DuplicateId"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("RequiredInputsShouldHaveLabel"))).toBe(true);
  });
});

describe("renderAdaptiveCard: the card", () => {
  it("is an Adaptive Card 1.5 with schema, body and msteams entities (buttons live in the body)", () => {
    const { card } = render({ summary: "Hello", blocks: [{ type: "text", text: "hi" }] });
    expect(card).toEqual({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.5",
      fallbackText: "Hello",
      body: [{ type: "TextBlock", text: "hi", wrap: true }],
      msteams: { entities: [] },
    });
  });

  it("shows the summary when there are no blocks", () => {
    expect(body()).toEqual([{ type: "TextBlock", text: "summary", wrap: true }]);
  });
});

describe("renderAdaptiveCard: block types", () => {
  it("renders a header as a large bold wrapped TextBlock", () => {
    expect(body({ type: "header", text: "Weekly check-in" })).toEqual([
      { type: "TextBlock", text: "Weekly check-in", size: "Large", weight: "Bolder", wrap: true },
    ]);
  });

  it("renders text with bold and links as markdown", () => {
    expect(
      textOf({
        type: "text",
        text: ["See ", link("https://example.org/a?b=1", "the plan"), " ", bold(" now ")],
      }),
    ).toBe("See [the plan](https://example.org/a?b=1)  **now** ");
  });

  it("renders fields as a FactSet, ten facts per set", () => {
    expect(body({ type: "fields", fields: [{ label: "Project", value: [bold("Soil")] }] })).toEqual([
      { type: "FactSet", facts: [{ title: "Project", value: "**Soil**" }] },
    ]);
    const fields = Array.from({ length: 11 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const sets = body({ type: "fields", fields }) as FactSet[];
    expect(sets.map((set) => set.facts.length)).toEqual([10, 1]);
  });

  it("renders context as a subtle small TextBlock", () => {
    expect(body({ type: "context", text: "Sent by the bot" })).toEqual([
      { type: "TextBlock", text: "Sent by the bot", wrap: true, isSubtle: true, size: "Small" },
    ]);
  });

  it("renders buttons as Action.Execute (verb = action id) with an Action.Submit fallback, in an ActionSet next to their block", () => {
    const elements = body({ type: "text", text: "How is it going?" }, checkinButtons);
    const execute = (title: string, data: { actionId: string; value: string }, style?: string) => {
      const submit = { type: "Action.Submit", title, data, ...(style ? { style } : {}) };
      return {
        type: "Action.Execute",
        title,
        verb: data.actionId,
        data,
        ...(style ? { style } : {}),
        fallback: submit,
      };
    };
    expect(elements[1]).toEqual({
      type: "ActionSet",
      actions: [
        execute("On track", { actionId: "checkin", value: "ok" }, "positive"),
        execute("Blocked", { actionId: "checkin", value: "blocked" }, "destructive"),
        execute("Later", { actionId: "snooze", value: "1d" }),
      ],
    });
    expect(cardProblems(render({ summary: "s", blocks: [checkinButtons] }).card)).toEqual([]);
  });

  it("splits more than five buttons into several ActionSets", () => {
    const buttons = Array.from({ length: 6 }, (_, i) => ({ label: `B${i}`, actionId: "a", value: `${i}` }));
    const sets = body({ type: "actions", buttons });
    expect(sets.map((set) => (set.type === "ActionSet" ? set.actions.length : 0))).toEqual([5, 1]);
  });

  it("renders a choice as a compact Input.ChoiceSet", () => {
    const options = [
      { label: "On track", value: "ok" },
      { label: "Blocked", value: "blocked" },
    ];
    expect(body({ type: "choice", id: "status", label: "Status", options, initial: "blocked" })).toEqual([
      {
        type: "Input.ChoiceSet",
        id: "status",
        label: "Status",
        style: "compact",
        isMultiSelect: false,
        choices: [
          { title: "On track", value: "ok" },
          { title: "Blocked", value: "blocked" },
        ],
        isRequired: true,
        errorMessage: "Please fill this in.",
        value: "blocked",
      },
    ]);
    const [multi] = body({
      type: "choice",
      id: "tags",
      label: "Tags",
      options,
      multiple: true,
      optional: true,
      initial: ["blocked", "ok"],
    }) as ChoiceSetInput[];
    expect(multi).toMatchObject({ isMultiSelect: true, isRequired: false, value: "ok,blocked" });
    expect(multi?.errorMessage).toBeUndefined();
  });

  it("renders a text input as Input.Text", () => {
    expect(body(notesInput)).toEqual([
      {
        type: "Input.Text",
        id: "notes",
        label: "Notes",
        isRequired: true,
        errorMessage: "Please fill this in.",
        isMultiline: true,
        maxLength: 500,
        placeholder: "Anything else?",
        value: "none",
      },
    ]);
    const [optional] = body({ type: "text-input", id: "n", label: "N", optional: true }) as TextInput[];
    expect(optional).toEqual({ type: "Input.Text", id: "n", label: "N", isRequired: false });
  });

  it("keeps input ids unique and away from the submit data keys", () => {
    const inputs = body(
      { type: "text-input", id: "x", label: "A" },
      { type: "text-input", id: "x", label: "B" },
      { type: "text-input", id: "value", label: "C" },
    ) as TextInput[];
    expect(inputs.map((input) => input.id)).toEqual(["x", "x#2", "value#2"]);
    expect(neutralInputId("value#2")).toBe("value");
  });

  it("turns a divider into a separator on the next element, and drops leading and trailing ones", () => {
    const elements = body(
      { type: "divider" },
      { type: "text", text: "a" },
      { type: "divider" },
      { type: "divider" },
      { type: "text", text: "b" },
      { type: "divider" },
    );
    expect(elements).toEqual([
      { type: "TextBlock", text: "a", wrap: true },
      { type: "TextBlock", text: "b", wrap: true, separator: true },
    ]);
  });
});

describe("renderAdaptiveCard: charts", () => {
  const chart = (overrides: Partial<Extract<Block, { type: "chart" }>> = {}): Block => ({
    type: "chart",
    title: "Response rate, last 3 periods",
    valueLabel: "% answered",
    points: [
      { label: "9 Nov", value: null },
      { label: "16 Nov", value: 80 },
      { label: "23 Nov", value: 60 },
    ],
    fallback: "Response rate, last 3 periods: ·▆▅  – · 80 · 60 %",
    ...overrides,
  });

  it("renders a Chart.VerticalBar with the text chart as its fallback TextBlock", () => {
    expect(body(chart())).toEqual([
      {
        type: "Chart.VerticalBar",
        title: "Response rate, last 3 periods",
        yAxisTitle: "% answered",
        showBarValues: true,
        data: [
          { x: "9 Nov (no data)", y: 0 },
          { x: "16 Nov", y: 80 },
          { x: "23 Nov", y: 60 },
        ],
        fallback: {
          type: "TextBlock",
          text: "Response rate, last 3 periods: ·▆▅  – · 80 · 60 %",
          wrap: true,
          isSubtle: true,
          size: "Small",
        },
      },
    ]);
  });

  it("is what a client without charts shows: the adaptivecards SDK renders the fallback in its place", () => {
    const { card } = render({ summary: "s", blocks: [{ type: "header", text: "Digest" }, chart()] });
    expect(JSON.stringify(card)).toContain("·▆▅");
    expect(card.fallbackText).toBe("s");
  });

  it("writes mentions of the fallback as entities, and a divider before it as a separator", () => {
    const [, element] = body(
      { type: "text", text: "a" },
      { type: "divider" },
      chart({ fallback: ["Asked by ", mention(ana)] }),
    ) as [TextBlock, VerticalBarChart];
    expect(element.separator).toBe(true);
    expect(element.fallback.text).toBe("Asked by <at>Ana Lima</at>");
    const { entities } = render({ summary: "s", blocks: [chart({ fallback: [mention(ana)] })] });
    expect(entities.map((entity) => entity.mentioned.id)).toEqual(["29:ana"]);
  });

  it("keeps at most 24 bars, short labels and finite values, and shows only the text with no bars", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `${"w".repeat(60)}${i}`, value: i }));
    const [element] = body(
      chart({ points: [...many, { label: "x", value: Number.NaN }] }),
    ) as VerticalBarChart[];
    expect(element!.data).toHaveLength(TEAMS_CHART_BARS_MAX);
    expect(element!.data[0]!.x).toHaveLength(40);
    expect(element!.data.every((bar) => Number.isFinite(bar.y))).toBe(true);
    expect(body(chart({ points: [] }))).toEqual([
      {
        type: "TextBlock",
        text: "Response rate, last 3 periods: ·▆▅  – · 80 · 60 %",
        wrap: true,
        isSubtle: true,
        size: "Small",
      },
    ]);
    const [untitled] = body(chart({ title: " ", fallback: "", valueLabel: "" })) as VerticalBarChart[];
    expect(untitled!.title).toBe("Chart");
    expect(untitled!.yAxisTitle).toBeUndefined();
    expect(untitled!.fallback.text).toBe("9 Nov (no data) 0 · 16 Nov 80 · 23 Nov 60");
  });

  it("cuts a huge fallback text with … and keeps the card under the size limit", () => {
    const { card } = render({ summary: "s", blocks: [chart({ fallback: "▆".repeat(20_000) })] });
    const [element] = card.body as VerticalBarChart[];
    expect(element!.fallback.text.length).toBeLessThanOrEqual(10_000);
    expect(element!.fallback.text.endsWith("…")).toBe(true);
    expect(bytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });
});

describe("renderAdaptiveCardForm", () => {
  const form: Form = {
    title: "Edit project",
    submitActionId: "project.save",
    submitLabel: "Save",
    value: "proj-7",
    blocks: [
      { type: "text-input", id: "name", label: "Name", initial: "Soil" },
      { type: "choice", id: "phase", label: "Phase", options: [{ label: "Start", value: "start" }] },
    ],
  };

  it("has a title, the inputs and, last in an ActionSet, an Action.Execute carrying the action id and value", () => {
    const { card } = renderAdaptiveCardForm(form, ctx);
    expect(cardProblems(card)).toEqual([]);
    expect(card.body.map((element) => element.type)).toEqual([
      "TextBlock",
      "Input.Text",
      "Input.ChoiceSet",
      "ActionSet",
    ]);
    expect(card.body[0]).toMatchObject({ text: "Edit project", size: "Large", weight: "Bolder" });
    const data = { actionId: "project.save", value: "proj-7" };
    expect(card.body[3]).toEqual({
      type: "ActionSet",
      actions: [
        {
          type: "Action.Execute",
          title: "Save",
          verb: "project.save",
          data,
          style: "positive",
          fallback: { type: "Action.Submit", title: "Save", data, style: "positive" },
        },
      ],
    });
  });

  it("leaves value out of the data when the form has none", () => {
    const { card } = renderAdaptiveCardForm({ ...form, value: undefined }, ctx);
    const set = card.body.at(-1);
    expect(set?.type === "ActionSet" ? set.actions[0]?.data : undefined).toEqual({
      actionId: "project.save",
    });
  });
});

describe("renderAdaptiveCard: mentions", () => {
  it("writes <at>Name</at> with an entity for a Teams identity in the same tenant", () => {
    const { card, entities } = render({
      summary: "s",
      blocks: [{ type: "text", text: ["Hi ", mention(ana), "!"] }],
    });
    expect((card.body[0] as TextBlock).text).toBe("Hi <at>Ana Lima</at>!");
    const entity = {
      type: "mention",
      text: "<at>Ana Lima</at>",
      mentioned: { id: "29:ana", name: "Ana Lima" },
    };
    expect(entities).toEqual([entity]);
    expect(card.msteams.entities).toEqual([entity]);
  });

  it("adds one entity for a person mentioned twice, including in facts", () => {
    const { entities } = render({
      summary: "s",
      blocks: [
        { type: "text", text: [mention(ana), " and ", mention(ana)] },
        { type: "fields", fields: [{ label: "Lead", value: [mention(ana)] }] },
      ],
    });
    expect(entities).toHaveLength(1);
  });

  it("names people from another tenant or platform with name and institution, without an entity", () => {
    const { card, entities } = render({ summary: "s", blocks: [{ type: "text", text: [mention(bo)] }] });
    expect((card.body[0] as TextBlock).text).toBe("Bo Chen (KTH)");
    expect(entities).toEqual([]);
    const slackOnly: PersonRef = { ...ana, identities: ana.identities.filter((i) => i.platform === "slack") };
    expect(textOf({ type: "text", text: [mention(slackOnly)] })).toBe("Ana Lima (Uni Porto)");
  });

  it("keeps mention texts distinct for two people with the same name", () => {
    const other: PersonRef = {
      id: "p-ana2",
      name: "Ana Lima",
      institution: "Uni Lisboa",
      identities: [{ platform: "teams", tenantId: "tenant-a", userId: "29:ana2" }],
    };
    const { entities } = render({
      summary: "s",
      blocks: [{ type: "text", text: [mention(ana), mention(other)] }],
    });
    expect(entities.map((entity) => entity.text)).toEqual([
      "<at>Ana Lima</at>",
      "<at>Ana Lima (Uni Lisboa)</at>",
    ]);
  });
});

describe("renderAdaptiveCard: escaping", () => {
  it("escapes markdown in user text", () => {
    expect(textOf({ type: "text", text: "*not bold* _x_ [a](b) <at>Bo</at> `c`" })).toBe(
      "\\*not bold\\* \\_x\\_ \\[a\\](b) \\<at\\>Bo\\</at\\> \\`c\\`",
    );
    expect(textOf({ type: "text", text: "- item\n# title\n1. one" })).toBe("\\- item\n\\# title\n1\\. one");
    expect(textOf({ type: "header", text: "**Big**" })).toBe("\\*\\*Big\\*\\*");
  });

  it("escapes bold and link text, and links only safe URLs", () => {
    expect(textOf({ type: "text", text: [bold("a*b"), " ", link("https://x.org/(a)", "[t]")] })).toBe(
      "**a\\*b** [\\[t\\]](https://x.org/%28a%29)",
    );
    expect(textOf({ type: "text", text: [link("javascript:alert(1)", "click")] })).toBe("click");
  });

  it("drops control characters", () => {
    expect(textOf({ type: "text", text: "a\u0000b\u001bc\r\nd" })).toBe("abc\nd");
  });
});

describe("renderAdaptiveCard: size limit", () => {
  /** Nine text blocks, the last padded so that the card is exactly `target` bytes. */
  function messageOfSize(target: number): Message {
    const blocks = (last: number): Block[] => [
      ...Array.from({ length: 8 }, (): Block => ({ type: "text", text: "a".repeat(9000) })),
      { type: "text", text: [mention(ana), "b".repeat(last)] },
    ];
    const probe = bytes(renderAdaptiveCard({ summary: "s", blocks: blocks(1000) }, ctx).card);
    return { summary: "s", blocks: blocks(1000 + target - probe) };
  }

  it("keeps a card of exactly the limit whole", () => {
    const { card, entities } = render(messageOfSize(TEAMS_CARD_MAX_BYTES));
    expect(bytes(card)).toBe(TEAMS_CARD_MAX_BYTES);
    expect(card.body).toHaveLength(9);
    expect(entities).toHaveLength(1);
  });

  it("drops trailing elements, and their mentions, from a card one byte over, and says so", () => {
    const { card, entities } = render(messageOfSize(TEAMS_CARD_MAX_BYTES + 1));
    expect(bytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(card.body).toHaveLength(9);
    expect(card.body.at(-1)).toEqual({
      type: "TextBlock",
      text: "_1 more item not shown_",
      wrap: true,
      isSubtle: true,
      size: "Small",
      separator: true,
    });
    expect(entities).toEqual([]);
    expect(card.msteams.entities).toEqual([]);
  });

  it("stays under 80 KB for a message far over it", () => {
    const blocks = Array.from(
      { length: 400 },
      (_, i): Block => ({ type: "text", text: `${i} ${"é".repeat(2000)}` }),
    );
    const { card } = render({ summary: "s", blocks });
    expect(bytes(card)).toBeLessThanOrEqual(80_000);
    expect(bytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    const note = card.body.at(-1) as TextBlock;
    expect(note.text).toBe(`_${400 - (card.body.length - 1)} more items not shown_`);
  });

  it("cuts one huge text with … instead of dropping it", () => {
    const [element] = body({ type: "text", text: "z".repeat(200_000) });
    expect((element as TextBlock).text).toBe(`${"z".repeat(9999)}…`);
  });
});
