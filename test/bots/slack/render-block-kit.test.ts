// Tests the Slack Block Kit renderer: every block type, mentions per tenant, escaping, and Slack's limits at and past the edge.
import type { types as slack } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  neutralActionId,
  renderBlockKit,
  renderSlackModal,
} from "../../../src/bots/slack/render-block-kit.ts";
import {
  type Block,
  bold,
  type Form,
  link,
  type Message,
  mention,
  type PersonRef,
} from "../../../src/core/message.ts";
import { ana, bo, checkinButtons, notesInput } from "../../helpers/message-samples.ts";

const ctx = { tenantId: "T1" };

function render(...blocks: Block[]): slack.KnownBlock[] {
  return renderBlockKit({ summary: "summary", blocks }, ctx).blocks;
}

function only<T extends slack.KnownBlock["type"]>(
  blocks: slack.KnownBlock[],
  type: T,
): Extract<slack.KnownBlock, { type: T }> {
  expect(blocks).toHaveLength(1);
  const block = blocks[0];
  expect(block?.type).toBe(type);
  return block as Extract<slack.KnownBlock, { type: T }>;
}

function sectionText(blocks: slack.KnownBlock[]): string {
  const text = only(blocks, "section").text;
  expect(text?.type).toBe("mrkdwn");
  return text?.text ?? "";
}

function form(blocks: Block[], overrides: Partial<Form> = {}): Form {
  return { title: "Edit", submitActionId: "save", submitLabel: "Save", value: "42", blocks, ...overrides };
}

describe("renderBlockKit: block types", () => {
  it("renders a header as a plain_text header block", () => {
    const header = only(render({ type: "header", text: "Weekly check-in" }), "header");
    expect(header.text).toEqual({ type: "plain_text", text: "Weekly check-in", emoji: true });
  });

  it("renders text as a mrkdwn section with bold and links", () => {
    const text = sectionText(
      render({
        type: "text",
        text: ["See ", link("https://example.org/a?b=1", "the plan"), " ", bold("today")],
      }),
    );
    expect(text).toBe("See <https://example.org/a?b=1|the plan> *today*");
  });

  it("keeps whitespace outside bold markers and drops empty bold", () => {
    expect(sectionText(render({ type: "text", text: ["a", bold(" b "), "c", bold("  ")] }))).toBe("a *b* c ");
  });

  it("renders fields as a section with mrkdwn fields", () => {
    const section = only(
      render({
        type: "fields",
        fields: [
          { label: "Project", value: "Soil carbon" },
          { label: "Due", value: [bold("Friday")] },
        ],
      }),
      "section",
    );
    expect(section.fields).toEqual([
      { type: "mrkdwn", text: "*Project*\nSoil carbon" },
      { type: "mrkdwn", text: "*Due*\n*Friday*" },
    ]);
  });

  it("renders context as a context block with one mrkdwn element", () => {
    const context = only(render({ type: "context", text: "Sent by the bot" }), "context");
    expect(context.elements).toEqual([{ type: "mrkdwn", text: "Sent by the bot" }]);
  });

  it("renders buttons in an actions block, keeping action ids unique inside the block", () => {
    const actions = only(render(checkinButtons), "actions");
    expect(actions.elements).toEqual([
      {
        type: "button",
        text: { type: "plain_text", text: "On track", emoji: true },
        action_id: "checkin",
        value: "ok",
        style: "primary",
      },
      {
        type: "button",
        text: { type: "plain_text", text: "Blocked", emoji: true },
        action_id: "checkin#2",
        value: "blocked",
        style: "danger",
      },
      {
        type: "button",
        text: { type: "plain_text", text: "Later", emoji: true },
        action_id: "snooze",
        value: "1d",
      },
    ]);
    expect(neutralActionId("checkin#2")).toBe("checkin");
    expect(neutralActionId("checkin")).toBe("checkin");
  });

  it("renders a single choice in a message as a section with a static_select and its initial option", () => {
    const section = only(
      render({
        type: "choice",
        id: "status",
        label: "Status",
        options: [
          { label: "On track", value: "ok" },
          { label: "Blocked", value: "blocked" },
        ],
        initial: "blocked",
      }),
      "section",
    );
    expect(section.text).toEqual({ type: "mrkdwn", text: "Status" });
    expect(section.block_id).toBe("status");
    const select = section.accessory as slack.StaticSelect;
    expect(select.type).toBe("static_select");
    expect(select.action_id).toBe("status");
    expect(select.options?.map((option) => option.value)).toEqual(["ok", "blocked"]);
    expect(select.initial_option?.value).toBe("blocked");
  });

  it("renders a multiple choice as checkboxes, or a multi_static_select past 10 options", () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `O${i}`, value: `v${i}` }));
    const few = only(
      render({
        type: "choice",
        id: "c",
        label: "Pick",
        options: options(10),
        multiple: true,
        initial: ["v1", "v3"],
      }),
      "section",
    ).accessory as slack.Checkboxes;
    expect(few.type).toBe("checkboxes");
    expect(few.initial_options?.map((option) => option.value)).toEqual(["v1", "v3"]);
    const many = only(
      render({ type: "choice", id: "c", label: "Pick", options: options(11), multiple: true }),
      "section",
    ).accessory as slack.MultiStaticSelect;
    expect(many.type).toBe("multi_static_select");
    expect(many.options).toHaveLength(11);
  });

  it("renders a text input as an input block with plain_text_input", () => {
    const input = only(render({ ...notesInput, optional: true }), "input");
    expect(input).toEqual({
      type: "input",
      block_id: "notes",
      label: { type: "plain_text", text: "Notes", emoji: true },
      optional: true,
      element: {
        type: "plain_text_input",
        action_id: "notes",
        multiline: true,
        max_length: 500,
        placeholder: { type: "plain_text", text: "Anything else?", emoji: true },
        initial_value: "none",
      },
    });
  });

  it("renders a divider", () => {
    expect(render({ type: "divider" })).toEqual([{ type: "divider" }]);
  });

  it("renders a chart as labelled text lines in a context block (Block Kit draws no charts)", () => {
    const chart: Block = {
      type: "chart",
      title: "Response rate <all>",
      valueLabel: "% answered",
      points: [
        { label: "16 Nov", value: null },
        { label: "23 Nov", value: 80 },
      ],
      fallback: ["Response rate: ", bold("·▆"), "  – · 80 %"],
    };
    const context = only(render(chart), "context");
    expect(context.elements).toEqual([
      {
        type: "mrkdwn",
        text: "Response rate &lt;all&gt;:\n16 Nov  no data\n23 Nov  ████████████████░░░░  80 % answered",
      },
    ]);
    // Slack's 3000-character limit for context text, cut visibly.
    const points = Array.from({ length: 200 }, (_, i) => ({ label: `week ${i}`, value: i % 100 }));
    const long = only(render({ ...chart, points }), "context");
    const text = (long.elements[0] as { text: string }).text;
    expect(text).toHaveLength(3000);
    expect(text.endsWith("…")).toBe(true);
  });

  it("skips blocks with nothing to show and never sends an empty message", () => {
    expect(
      render({ type: "text", text: "   " }, { type: "header", text: "" }, { type: "text", text: "x" }),
    ).toEqual([{ type: "section", text: { type: "mrkdwn", text: "x" } }]);
    const empty = renderBlockKit({ summary: "Only a summary", blocks: [] }, ctx);
    expect(empty.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Only a summary" } }]);
  });

  it("uses the summary as text, escaped, or the first text when the summary is empty", () => {
    expect(renderBlockKit({ summary: "A < B & C", blocks: [] }, ctx).text).toBe("A &lt; B &amp; C");
    expect(renderBlockKit({ summary: "", blocks: [{ type: "header", text: "Hello" }] }, ctx).text).toBe(
      "Hello",
    );
  });
});

describe("renderBlockKit: mentions", () => {
  it("mentions a person with a Slack identity in the same team as <@U…>", () => {
    expect(sectionText(render({ type: "text", text: ["Hi ", mention(ana)] }))).toBe("Hi <@U123>");
  });

  it("names a person from another team, or only on Teams, with name and institution", () => {
    expect(sectionText(render({ type: "text", text: [mention(bo)] }))).toBe("Bo Chen (KTH)");
    const teamsOnly: PersonRef = { ...ana, identities: ana.identities.filter((i) => i.platform === "teams") };
    expect(sectionText(render({ type: "text", text: [mention(teamsOnly)] }))).toBe("Ana Lima (Uni Porto)");
    expect(
      renderBlockKit({ summary: "s", blocks: [{ type: "text", text: [mention(ana)] }] }, { tenantId: "T2" }),
    ).toMatchObject({ blocks: [{ text: { text: "Ana Lima (Uni Porto)" } }] });
  });

  it("escapes names used instead of mentions", () => {
    const odd: PersonRef = { id: "x", name: "<!channel>", institution: "A&B", identities: [] };
    expect(sectionText(render({ type: "text", text: [mention(odd)] }))).toBe("&lt;!channel&gt; (A&amp;B)");
  });
});

describe("renderBlockKit: escaping", () => {
  it("escapes &, < and > in text, fields, context and link labels", () => {
    expect(sectionText(render({ type: "text", text: "a & b <@U1> <!here> c>d" }))).toBe(
      "a &amp; b &lt;@U1&gt; &lt;!here&gt; c&gt;d",
    );
    expect(only(render({ type: "context", text: "x<y" }), "context").elements).toEqual([
      { type: "mrkdwn", text: "x&lt;y" },
    ]);
    expect(
      only(render({ type: "fields", fields: [{ label: "R&D", value: "1 < 2" }] }), "section").fields,
    ).toEqual([{ type: "mrkdwn", text: "*R&amp;D*\n1 &lt; 2" }]);
    expect(sectionText(render({ type: "text", text: [link("https://x.org/?a=1&b=2", "Q&A <here>")] }))).toBe(
      "<https://x.org/?a=1&amp;b=2|Q&amp;A &lt;here&gt;>",
    );
  });

  it("does not link unsafe or broken URLs, and encodes characters that would end the link", () => {
    expect(sectionText(render({ type: "text", text: [link("javascript:alert(1)", "click")] }))).toBe("click");
    expect(sectionText(render({ type: "text", text: [link("not a url", "text")] }))).toBe("text");
    expect(sectionText(render({ type: "text", text: [link("https://x.org/a|b>c", "t")] }))).toBe(
      "<https://x.org/a%7Cb%3Ec|t>",
    );
  });

  it("drops control characters and replaces lone surrogates", () => {
    expect(sectionText(render({ type: "text", text: "a\u0000b\u0007c\r\nd\uD800e" }))).toBe("abc\nd\uFFFDe");
  });
});

describe("renderBlockKit: limits", () => {
  const texts = (n: number): Block[] =>
    Array.from({ length: n }, (_, i) => ({ type: "text", text: `t${i}` }));

  it("keeps exactly 50 blocks", () => {
    const blocks = render(...texts(50));
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)).toEqual({ type: "section", text: { type: "mrkdwn", text: "t49" } });
  });

  it("cuts 51 blocks to 49 and a note saying 2 more items are not shown", () => {
    const blocks = render(...texts(51));
    expect(blocks).toHaveLength(50);
    expect(blocks[48]).toEqual({ type: "section", text: { type: "mrkdwn", text: "t48" } });
    expect(blocks[49]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "_2 more items not shown_" }],
    });
  });

  it("does not count dropped dividers as items", () => {
    const blocks = render(...texts(49), { type: "divider" }, { type: "text", text: "last" });
    expect(blocks.at(-1)).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "_1 more item not shown_" }],
    });
  });

  it("keeps a 3000-character section and cuts a 3001-character one with …", () => {
    expect(sectionText(render({ type: "text", text: "a".repeat(3000) }))).toBe("a".repeat(3000));
    const cut = sectionText(render({ type: "text", text: "a".repeat(3001) }));
    expect(cut).toHaveLength(3000);
    expect(cut).toBe(`${"a".repeat(2999)}…`);
  });

  it("counts escaped characters and never cuts inside an entity, a mention or a surrogate pair", () => {
    const amps = sectionText(render({ type: "text", text: "&".repeat(1000) }));
    expect(amps.length).toBeLessThanOrEqual(3000);
    expect(amps).toBe(`${"&amp;".repeat(599)}…`);
    const mentions = sectionText(render({ type: "text", text: ["a".repeat(2995), mention(ana)] }));
    expect(mentions).toBe(`${"a".repeat(2995)}…`);
    const emoji = sectionText(render({ type: "text", text: "😀".repeat(1600) }));
    expect(emoji).toBe(`${"😀".repeat(1499)}…`);
  });

  it("cuts a long link label but keeps the link", () => {
    const text = sectionText(render({ type: "text", text: [link("https://x.org/", "b".repeat(4000))] }));
    expect(text).toHaveLength(3000);
    expect(text.startsWith("<https://x.org/|bbb")).toBe(true);
    expect(text.endsWith("b>…")).toBe(true);
  });

  it("keeps a 150-character header and cuts a 151-character one", () => {
    expect(only(render({ type: "header", text: "h".repeat(150) }), "header").text.text).toBe("h".repeat(150));
    expect(only(render({ type: "header", text: "h".repeat(151) }), "header").text.text).toBe(
      `${"h".repeat(149)}…`,
    );
  });

  it("puts 10 fields in one section and 11 in two", () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    expect(only(render({ type: "fields", fields: fields(10) }), "section").fields).toHaveLength(10);
    const split = render({ type: "fields", fields: fields(11) }) as slack.SectionBlock[];
    expect(split.map((section) => section.fields?.length)).toEqual([10, 1]);
  });

  it("keeps a 2000-character field and cuts a longer one", () => {
    const exact = only(
      render({ type: "fields", fields: [{ label: "", value: "f".repeat(2000) }] }),
      "section",
    );
    expect(exact.fields?.[0]?.text).toBe("f".repeat(2000));
    const over = only(
      render({ type: "fields", fields: [{ label: "Label", value: "f".repeat(2000) }] }),
      "section",
    );
    expect(over.fields?.[0]?.text).toHaveLength(2000);
    expect(over.fields?.[0]?.text.startsWith("*Label*\nfff")).toBe(true);
    expect(over.fields?.[0]?.text.endsWith("f…")).toBe(true);
  });

  it("puts 25 buttons in one actions block and 26 in two", () => {
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ label: `B${i}`, actionId: "a", value: `${i}` }));
    expect(only(render({ type: "actions", buttons: buttons(25) }), "actions").elements).toHaveLength(25);
    const split = render({ type: "actions", buttons: buttons(26) }) as slack.ActionsBlock[];
    expect(split.map((block) => block.elements.length)).toEqual([25, 1]);
  });

  it("cuts button text to 75, value to 2000 and action_id to 255 characters", () => {
    const exact = only(
      render({
        type: "actions",
        buttons: [{ label: "x".repeat(75), actionId: "i".repeat(255), value: "v".repeat(2000) }],
      }),
      "actions",
    ).elements[0] as slack.Button;
    expect(exact.text.text).toBe("x".repeat(75));
    expect(exact.action_id).toBe("i".repeat(255));
    expect(exact.value).toBe("v".repeat(2000));
    const over = only(
      render({
        type: "actions",
        buttons: [{ label: "x".repeat(76), actionId: "i".repeat(256), value: "v".repeat(2001) }],
      }),
      "actions",
    ).elements[0] as slack.Button;
    expect(over.text.text).toBe(`${"x".repeat(74)}…`);
    expect(over.action_id).toHaveLength(255);
    expect(over.value).toHaveLength(2000);
  });

  it("keeps the fallback text within 3000 characters", () => {
    expect(renderBlockKit({ summary: "s".repeat(3000), blocks: [] }, ctx).text).toHaveLength(3000);
    const cut = renderBlockKit({ summary: "s".repeat(3001), blocks: [] }, ctx).text;
    expect(cut).toBe(`${"s".repeat(2999)}…`);
  });
});

describe("renderSlackModal", () => {
  it("renders a modal with title, submit, callback id, private metadata and input blocks", () => {
    const view = renderSlackModal(
      form([
        { type: "header", text: "Your project" },
        {
          type: "choice",
          id: "phase",
          label: "Phase",
          options: [{ label: "Start", value: "start" }],
          initial: "start",
        },
        {
          type: "choice",
          id: "tags",
          label: "Tags",
          options: [{ label: "Soil", value: "soil" }],
          multiple: true,
        },
        { type: "text-input", id: "notes", label: "Notes" },
      ]),
      ctx,
    );
    expect(view.type).toBe("modal");
    expect(view.title).toEqual({ type: "plain_text", text: "Edit", emoji: true });
    expect(view.submit).toEqual({ type: "plain_text", text: "Save", emoji: true });
    expect(view.callback_id).toBe("save");
    expect(view.private_metadata).toBe("42");
    expect(view.blocks.map((block) => block.type)).toEqual(["header", "input", "input", "input"]);
    const phase = view.blocks[1] as slack.InputBlock;
    expect(phase.block_id).toBe("phase");
    expect(phase.element).toMatchObject({
      type: "static_select",
      action_id: "phase",
      initial_option: { value: "start" },
    });
    expect((view.blocks[2] as slack.InputBlock).element.type).toBe("checkboxes");
    expect((view.blocks[3] as slack.InputBlock).element).toEqual({
      type: "plain_text_input",
      action_id: "notes",
    });
    expect((view.blocks[3] as slack.InputBlock).optional).toBeUndefined();
  });

  it("lets options override callback id and private metadata", () => {
    const view = renderSlackModal(form([]), ctx, { callbackId: "cb", privateMetadata: '{"id":7}' });
    expect(view.callback_id).toBe("cb");
    expect(view.private_metadata).toBe('{"id":7}');
  });

  it("keeps block ids unique in the view", () => {
    const view = renderSlackModal(
      form([
        { type: "text-input", id: "x", label: "A" },
        { type: "text-input", id: "x", label: "B" },
      ]),
      ctx,
    );
    expect(view.blocks.map((block) => block.block_id)).toEqual(["x", "x#2"]);
  });

  it("keeps a 24-character title and submit label, and cuts 25 characters with …", () => {
    const exact = renderSlackModal(form([], { title: "t".repeat(24), submitLabel: "s".repeat(24) }), ctx);
    expect(exact.title.text).toBe("t".repeat(24));
    expect(exact.submit?.text).toBe("s".repeat(24));
    const over = renderSlackModal(form([], { title: "t".repeat(25), submitLabel: "s".repeat(25) }), ctx);
    expect(over.title.text).toBe(`${"t".repeat(23)}…`);
    expect(over.submit?.text).toBe(`${"s".repeat(23)}…`);
  });

  it("keeps 100 blocks in a modal and cuts 101 with a note", () => {
    const blocks = (n: number): Block[] => Array.from({ length: n }, () => ({ type: "text", text: "x" }));
    expect(renderSlackModal(form(blocks(100)), ctx).blocks).toHaveLength(100);
    const over = renderSlackModal(form(blocks(101)), ctx).blocks;
    expect(over).toHaveLength(100);
    expect(over[99]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "_2 more items not shown_" }],
    });
  });

  it("gives empty titles and labels a fallback instead of an empty text Slack would reject", () => {
    const view = renderSlackModal(
      form([{ type: "text-input", id: "n", label: " " }], { title: "", submitLabel: "" }),
      ctx,
    );
    expect(view.title.text).toBe("Form");
    expect(view.submit?.text).toBe("Submit");
    expect((view.blocks[0] as slack.InputBlock).label.text).toBe("n");
  });
});

describe("renderBlockKit: a whole message", () => {
  it("renders a check-in prompt", () => {
    const message: Message = {
      summary: "Check-in with Ana",
      blocks: [
        { type: "header", text: "Partnership check-in" },
        { type: "text", text: ["How is it going with ", mention(ana), "?"] },
        { type: "divider" },
        {
          type: "actions",
          buttons: [{ label: "On track", actionId: "checkin", value: "p1:ok", style: "primary" }],
        },
      ],
    };
    const { text, blocks } = renderBlockKit(message, ctx);
    expect(text).toBe("Check-in with Ana");
    expect(blocks.map((block) => block.type)).toEqual(["header", "section", "divider", "actions"]);
  });
});
