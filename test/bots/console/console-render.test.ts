// The terminal renderer: readable plain text for every block of the neutral message, buttons as numbered choices.
import { describe, expect, it } from "vitest";
import {
  plainRichText,
  renderFormIntro,
  renderInputPrompt,
  renderPlainText,
} from "../../../src/bots/console/render-plain-text.ts";
import type { PersonRef } from "../../../src/core/message.ts";

const samir: PersonRef = {
  id: "p1",
  name: "Samir Patel",
  institution: "Eastbrook University",
  identities: [],
};
const lena: PersonRef = { id: "p2", name: "Lena Fischer", identities: [] };

describe("renderPlainText", () => {
  it("underlines the header, marks bold, names people with their institution and lists fields", () => {
    const { text, buttons } = renderPlainText([
      { type: "header", text: "Check-in" },
      {
        type: "text",
        text: ["How is ", { bold: "the survival study" }, " going with ", { mention: samir }, "?"],
      },
      {
        type: "fields",
        fields: [
          { label: "Partner", value: [{ mention: lena }] },
          { label: "Due", value: "Tuesday" },
        ],
      },
      { type: "context", text: ["See ", { link: "https://example.org/p", text: "the plan" }] },
      { type: "divider" },
    ]);
    expect(text).toBe(
      [
        "Check-in",
        "========",
        "How is the survival study going with Samir Patel (Eastbrook University)?",
        "Partner: Lena Fischer",
        "Due: Tuesday",
        "  See the plan (https://example.org/p)",
        "-".repeat(40),
      ].join("\n"),
    );
    expect(buttons).toEqual([]);
  });

  it("shows a chart as a labelled line per period, indented like a context line", () => {
    const { text } = renderPlainText([
      {
        type: "chart",
        title: "Response rate, last 3 periods",
        valueLabel: "% answered",
        points: [
          { label: "9 Nov", value: null },
          { label: "16 Nov", value: 45 },
          { label: "23 Nov", value: 80 },
        ],
        fallback: ["Response rate, last 3 periods: ", { bold: "·▄▆" }, "  – · 45 · 80 %"],
      },
    ]);
    expect(text).toBe(
      [
        "  Response rate, last 3 periods:",
        "  9 Nov   no data",
        "  16 Nov  █████████░░░░░░░░░░░  45 % answered",
        "  23 Nov  ████████████████░░░░  80 % answered",
      ].join("\n"),
    );
  });

  it("numbers buttons from the first free number and names whom a repeated label is about", () => {
    const { text, buttons } = renderPlainText(
      [
        { type: "text", text: [{ mention: samir }, " · Eastbrook University"] },
        { type: "actions", buttons: [{ label: "Request intro", actionId: "intro.request", value: "a" }] },
        { type: "text", text: [{ mention: lena }] },
        { type: "actions", buttons: [{ label: "Request intro", actionId: "intro.request", value: "b" }] },
        {
          type: "actions",
          buttons: [
            { label: "On track", actionId: "checkin.answer", value: "on_track" },
            { label: "Blocked", actionId: "checkin.answer", value: "blocked", style: "danger" },
          ],
        },
      ],
      4,
    );
    expect(text).toContain("[4] Request intro — Samir Patel\n");
    expect(text).toContain("[5] Request intro — Lena Fischer\n");
    expect(text).toContain("[6] On track\n[7] Blocked");
    expect(buttons.map((b) => [b.number, b.button.value])).toEqual([
      [4, "a"],
      [5, "b"],
      [6, "on_track"],
      [7, "blocked"],
    ]);
  });

  it("drops control characters that could move the terminal's cursor", () => {
    expect(plainRichText("ok\u001b[2Jdone")).toBe("ok[2Jdone");
  });
});

describe("forms", () => {
  it("shows the title underlined, then asks for each input with numbered choices", () => {
    const form = {
      title: "Your profile",
      submitActionId: "profile.save",
      submitLabel: "Save",
      blocks: [
        { type: "text" as const, text: "Tell people what you offer." },
        {
          type: "choice" as const,
          id: "stage",
          label: "Career stage",
          options: [
            { label: "Early", value: "early" },
            { label: "Senior", value: "senior" },
          ],
          optional: true,
        },
        {
          type: "text-input" as const,
          id: "offers",
          label: "What you offer",
          placeholder: "survival analysis",
        },
      ],
    };
    const intro = renderFormIntro(form);
    expect(intro.text).toBe("Your profile\n============\nTell people what you offer.");
    expect(intro.inputs.map((i) => i.id)).toEqual(["stage", "offers"]);
    expect(renderInputPrompt(intro.inputs[0]!)).toBe(
      "Career stage (a number; Enter to skip):\n  1) Early\n  2) Senior",
    );
    expect(renderInputPrompt(intro.inputs[1]!)).toBe("What you offer (e.g. survival analysis):");
  });
});
