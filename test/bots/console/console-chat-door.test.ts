// The terminal door on its own, with a stand-in core: numbers press buttons, forms are asked field by field.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { consoleActor } from "../../../src/bots/console/console-actor.ts";
import { createConsoleClock } from "../../../src/bots/console/console-clock.ts";
import { createConsoleChat } from "../../../src/bots/console/create-console-chat.ts";
import type { ActionInput, CommandInput, Core } from "../../../src/core/create-core.ts";
import type { Reply } from "../../../src/core/feature.ts";
import type { Form, Message } from "../../../src/core/message.ts";

const form: Form = {
  title: "Log a meeting",
  submitActionId: "meeting.save",
  submitLabel: "Save",
  value: "m-1",
  blocks: [
    {
      type: "choice",
      id: "kind",
      label: "What kind",
      options: [
        { label: "Mentoring", value: "mentoring" },
        { label: "Project", value: "project" },
      ],
    },
    { type: "text-input", id: "next", label: "Next step", optional: true },
    { type: "text-input", id: "date", label: "Met on", placeholder: "2026-11-20" },
  ],
};

const prompt: Message = {
  summary: "Check-in",
  blocks: [
    { type: "text", text: "How is it going?" },
    {
      type: "actions",
      buttons: [
        { label: "On track", actionId: "checkin.answer", value: "on_track" },
        { label: "Blocked", actionId: "checkin.answer", value: "blocked" },
      ],
    },
  ],
};

function stubCore(actions: ActionInput[], commands: CommandInput[]): Core {
  return {
    async handleCommand(input) {
      commands.push(input);
      if (input.text === "log") return { kind: "form", form };
      if (input.text === "ask") return { kind: "message", message: prompt };
      return {
        kind: "message",
        message: { summary: "?", blocks: [{ type: "text", text: `you said ${input.text}` }] },
      };
    },
    async handleAction(input): Promise<Reply> {
      actions.push(input);
      if (input.actionId === "meeting.save") {
        if (input.inputs?.date !== "2026-11-20")
          return { kind: "invalid", errors: { date: "Use a date like 2026-11-20." } };
        return {
          kind: "message",
          message: { summary: "Saved", blocks: [{ type: "text", text: "Meeting saved." }] },
        };
      }
      return {
        kind: "update",
        message: { summary: "Recorded", blocks: [{ type: "text", text: `Recorded: ${input.value}` }] },
      };
    },
    async recordContact() {},
    commands: () => [],
    actions: () => [],
  };
}

async function session(lines: string[], extra: Partial<Parameters<typeof createConsoleChat>[0]> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const actions: ActionInput[] = [];
  const commands: CommandInput[] = [];
  const chat = createConsoleChat({
    core: stubCore(actions, commands),
    io: { input, output },
    actor: consoleActor("ada@example.org", "Ada"),
    pollMs: 0,
    ...extra,
  });
  const done = chat.run();
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return { text, actions, commands, chat };
}

describe("the terminal door", () => {
  it("sends commands as typed, from the console identity", async () => {
    const { text, commands } = await session(["collab hello there"]);
    expect(commands[0]).toMatchObject({
      text: "collab hello there",
      actor: { address: { platform: "console", tenantId: "local", userId: "ada@example.org" } },
    });
    expect(text).toContain("you said collab hello there");
    expect(text.trimEnd().endsWith("Bye.")).toBe(true);
  });

  it("presses a button by its number and shows the message again, marked updated, without its old buttons", async () => {
    const { text, actions } = await session(["ask", "2", "1"]);
    expect(text).toContain("[1] On track\n[2] Blocked");
    expect(actions).toEqual([
      expect.objectContaining({ actionId: "checkin.answer", value: "blocked", inputs: {} }),
    ]);
    expect(text).toContain("(updated)\nRecorded: blocked");
    expect(text).toContain("There is no button [1]: nothing shown has buttons.");
  });

  it("asks a form field by field, skips an optional one on Enter, shows errors and asks again", async () => {
    const { text, actions } = await session(["log", "3", "2", "", "yesterday", "2026-11-20"]);
    expect(text).toContain("Log a meeting\n=============");
    expect(text).toContain("What kind (a number):\n  1) Mentoring\n  2) Project");
    expect(text).toContain("Please type a number from 1 to 2.");
    expect(text).toContain("Next step (optional, Enter to skip):");
    expect(text).toContain("Please check:\n  Met on: Use a date like 2026-11-20.");
    expect(actions).toHaveLength(2);
    expect(actions[1]).toMatchObject({
      actionId: "meeting.save",
      value: "m-1",
      inputs: { kind: "project", next: "", date: "2026-11-20" },
    });
    expect(text).toContain("Meeting saved.");
  });

  it("leaves a form on cancel without sending it", async () => {
    const { text, actions } = await session(["log", "cancel", "ask"]);
    expect(actions).toEqual([]);
    expect(text).toContain("Form left without sending.");
    expect(text).toContain("[1] On track");
  });

  it("shows messages the bot sends, and replaces one when it is updated", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    const chat = createConsoleChat({
      core: stubCore([], []),
      io: { input, output },
      actor: consoleActor("ada@example.org"),
      pollMs: 0,
      deliver: async () => {
        chat.showDelivered("console-7", prompt);
        return 1;
      },
    });
    const done = chat.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    chat.showUpdated("console-7", { summary: "x", blocks: [{ type: "text", text: "Answered in Slack." }] });
    input.write("1\n");
    input.end();
    await done;
    expect(text).toContain("--- new message ---\nHow is it going?\n[1] On track");
    expect(text).toContain("(updated)\nAnswered in Slack.");
    expect(text).toContain("There is no button [1]");
  });

  it("runs a job as of --now, moves its clock there and delivers what arrived", async () => {
    const clock = createConsoleClock();
    const runs: [string, string][] = [];
    let delivered = 0;
    const { text } = await session(
      ["jobs run checkins --now 2026-11-17T10:01:00Z", "jobs run nope", "jobs run checkins --now tuesday"],
      {
        clock,
        deliver: async () => {
          delivered += 1;
          return 0;
        },
        jobs: {
          names: ["checkins", "reminders"],
          run: async (name, now) => {
            runs.push([name, now.toISOString()]);
            return "1 prompt enqueued";
          },
        },
      },
    );
    expect(runs).toEqual([["checkins", "2026-11-17T10:01:00.000Z"]]);
    expect(text).toContain(
      "checkins as of 2026-11-17T10:01:00.000Z: 1 prompt enqueued\n(nothing arrived for you)",
    );
    expect(text).toContain("Usage: jobs run <name> [--now ISO-8601]; the jobs are checkins, reminders.");
    expect(text).toContain('--now "tuesday" is not an ISO-8601 instant');
    expect(Math.abs(clock.now().getTime() - Date.parse("2026-11-17T10:01:00Z"))).toBeLessThan(60_000);
    expect(delivered).toBeGreaterThanOrEqual(2);
  });
});
