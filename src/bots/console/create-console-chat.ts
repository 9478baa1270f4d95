// The terminal chat, a third thin door: reads lines, calls the core, shows its replies as plain text.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseCommandText } from "../../core/command-text.ts";
import type { Core } from "../../core/create-core.ts";
import type { Reply } from "../../core/feature.ts";
import type { Button, Form, Message } from "../../core/message.ts";
import type { Actor, Log } from "../../core/ports.ts";
import { askInputs, type InputValues } from "./ask-inputs.ts";
import type { ConsoleClock } from "./console-clock.ts";
import type { ConsoleScreen } from "./console-sender.ts";
import { type InputBlock, renderFormIntro, renderPlainText } from "./render-plain-text.ts";

export interface ConsoleJobs {
  names: readonly string[];
  /** Runs the job as of `now` and returns its one-line summary. */
  run(name: string, now: Date): Promise<string>;
}

export interface ConsoleChatOptions {
  core: Core;
  io: { input: Readable; output: Writable };
  actor: Actor;
  /** Shows the outbox's waiting messages for this person (through this chat's screen); resolves with how many. */
  deliver?: () => Promise<number>;
  jobs?: ConsoleJobs;
  /** The clock the core uses; `jobs run … --now` moves it. */
  clock?: ConsoleClock;
  /** How often to look for messages the bot sends while the chat is idle; 0 turns looking off. Default 1000. */
  pollMs?: number;
  /** Shown when the chat opens, e.g. who you are chatting as. */
  intro?: string;
  log?: Log;
}

export interface ConsoleChat extends ConsoleScreen {
  /** Opens the chat and resolves when the person leaves (quit, exit, Ctrl-D or the end of the input). */
  run(): Promise<void>;
}

interface Pressable {
  messageKey: string;
  button: Button;
  inputs: InputBlock[];
}

const DOOR_HELP =
  "In this terminal: type a number to press that button, `jobs run <name> [--now ISO-8601]` to run a " +
  "scheduled job now, `quit` to leave.";
const JOBS_RUN = /^(?:\/?collab\s+)?jobs\s+run(?:\s+(\S+))?(?:\s+--now(?:=|\s+)(\S+))?\s*$/i;

export function createConsoleChat(options: ConsoleChatOptions): ConsoleChat {
  const { core, actor } = options;
  const { input, output } = options.io;
  const interactive = Boolean((output as { isTTY?: boolean }).isTTY && (input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, ...(interactive ? { output, terminal: true } : { terminal: false }) });
  // Ctrl-C leaves like Ctrl-D (without a listener readline would only pause the input).
  rl.on("SIGINT", () => rl.close());
  const lines = rl[Symbol.asyncIterator]();
  let waitingForLine = false;
  let ended = false;

  const pressable = new Map<number, Pressable>();
  const numbersOf = new Map<string, number[]>();
  let nextNumber = 1;
  let nextReplyKey = 1;

  function write(text: string): void {
    if (interactive && waitingForLine) {
      // Something arrived while the person was typing: print it above the prompt, then show the prompt again.
      output.write("\r\u001b[K");
      output.write(`${text}\n`);
      rl.prompt(true);
      return;
    }
    output.write(`${text}\n`);
  }

  async function nextLine(): Promise<string | null> {
    if (ended) return null;
    if (interactive) rl.prompt();
    waitingForLine = true;
    try {
      const result = await lines.next();
      if (result.done) {
        ended = true;
        return null;
      }
      return result.value;
    } finally {
      waitingForLine = false;
    }
  }

  function retire(messageKey: string): void {
    for (const number of numbersOf.get(messageKey) ?? []) pressable.delete(number);
    numbersOf.delete(messageKey);
  }

  /** Shows a message (again, when its key is known), numbering its buttons so they can be pressed. */
  function showMessage(messageKey: string, message: Message, note?: string): void {
    retire(messageKey);
    const rendered = renderPlainText(message.blocks, nextNumber);
    nextNumber += rendered.buttons.length;
    for (const { number, button } of rendered.buttons) {
      pressable.set(number, { messageKey, button, inputs: rendered.inputs });
    }
    if (rendered.buttons.length > 0)
      numbersOf.set(
        messageKey,
        rendered.buttons.map((b) => b.number),
      );
    const body = rendered.text.trim() === "" ? message.summary : rendered.text;
    write(`\n${note ? `${note}\n` : ""}${body}`);
  }

  const newReplyKey = () => `reply-${nextReplyKey++}`;

  async function submitForm(form: Form): Promise<void> {
    const formKey = newReplyKey();
    const intro = renderFormIntro(form, nextNumber);
    nextNumber += intro.buttons.length;
    for (const { number, button } of intro.buttons)
      pressable.set(number, { messageKey: formKey, button, inputs: [] });
    write(`\n${intro.text}\n  (type cancel to leave the form)`);
    let values: InputValues = {};
    let asking = intro.inputs;
    for (;;) {
      const answered = await askInputs(asking, { nextLine, write }, values);
      if (!answered) {
        write("Form left without sending.");
        return;
      }
      values = answered;
      const reply = await core.handleAction({
        actor,
        actionId: form.submitActionId,
        value: form.value ?? "",
        inputs: values,
      });
      if (reply.kind !== "invalid") {
        await show(reply);
        return;
      }
      const wrong = intro.inputs.filter((block) => block.id in reply.errors);
      write(`\nPlease check:\n${errorLines(reply.errors, intro.inputs)}`);
      asking = wrong.length > 0 ? wrong : intro.inputs;
      for (const block of asking) delete values[block.id];
    }
  }

  async function show(reply: Reply, fromMessage?: string): Promise<void> {
    switch (reply.kind) {
      case "message":
        showMessage(newReplyKey(), reply.message);
        return;
      case "update":
        if (fromMessage) showMessage(fromMessage, reply.message, "(updated)");
        else showMessage(newReplyKey(), reply.message);
        if (reply.form) await submitForm(reply.form);
        return;
      case "form":
        await submitForm(reply.form);
        return;
      case "invalid":
        write(`\nPlease check:\n${errorLines(reply.errors, [])}`);
        return;
      case "none":
        return;
    }
  }

  async function press(number: number): Promise<void> {
    const target = pressable.get(number);
    if (!target) {
      const shown = [...pressable.keys()].sort((a, b) => a - b);
      write(
        shown.length > 0
          ? `There is no button [${number}]; the buttons shown are ${shown.map((n) => `[${n}]`).join(" ")}.`
          : `There is no button [${number}]: nothing shown has buttons.`,
      );
      return;
    }
    let inputs: InputValues = {};
    let asking = target.inputs;
    for (;;) {
      if (asking.length > 0) {
        const answered = await askInputs(asking, { nextLine, write }, inputs);
        if (!answered) {
          write("Not sent.");
          return;
        }
        inputs = answered;
      }
      const reply = await core.handleAction({
        actor,
        actionId: target.button.actionId,
        value: target.button.value,
        inputs,
      });
      // A refused field (the patient-data guard, a bad date) is asked again, the others kept: what is typed next
      // is the rephrased field, never a command.
      const wrong = target.inputs.filter((block) => reply.kind === "invalid" && block.id in reply.errors);
      if (reply.kind !== "invalid" || wrong.length === 0) {
        await show(reply, target.messageKey);
        return;
      }
      write(`\nPlease check:\n${errorLines(reply.errors, target.inputs)}`);
      asking = wrong;
      for (const block of asking) delete inputs[block.id];
    }
  }

  async function runJob(name: string | undefined, nowText: string | undefined): Promise<void> {
    const jobs = options.jobs;
    if (!jobs || jobs.names.length === 0) {
      write("No scheduled jobs are available yet.");
      return;
    }
    if (!name || !jobs.names.includes(name)) {
      write(`Usage: jobs run <name> [--now ISO-8601]; the jobs are ${jobs.names.join(", ")}.`);
      return;
    }
    let now = options.clock?.now() ?? new Date();
    if (nowText !== undefined) {
      const at = new Date(nowText);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(nowText) || Number.isNaN(at.getTime())) {
        write(`--now "${nowText}" is not an ISO-8601 instant; use e.g. 2026-11-24T10:00:00Z.`);
        return;
      }
      now = at;
      options.clock?.moveTo(at);
    }
    const summary = await jobs.run(name, now);
    write(`${name} as of ${now.toISOString()}: ${summary}`);
    const shown = await deliver();
    if (shown === 0) write("(nothing arrived for you)");
  }

  async function deliver(): Promise<number> {
    return options.deliver ? options.deliver() : 0;
  }

  /** Handles one line; resolves true when the person leaves. */
  async function handleLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (line === "") return false;
    if (/^(quit|exit|\/quit|\/exit)$/i.test(line)) return true;
    if (/^\d+$/.test(line)) {
      await press(Number(line));
    } else if (JOBS_RUN.test(line)) {
      const [, name, nowText] = JOBS_RUN.exec(line) ?? [];
      await runJob(name, nowText);
      return false;
    } else {
      const reply = await core.handleCommand({ actor, text: line });
      await show(reply);
      if (parseCommandText(line).name === "help") write(`  ${DOOR_HELP}`);
    }
    await deliver();
    return false;
  }

  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  }

  async function safely<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      options.log?.error({ err: message }, "Terminal chat failed to handle a line");
      write(`Sorry, that failed: ${message}`);
      return fallback;
    }
  }

  return {
    showDelivered(messageId, message) {
      showMessage(messageId, message, "--- new message ---");
    },
    showUpdated(messageId, message) {
      showMessage(messageId, message, "(updated)");
    },
    async run() {
      await serial(async () => {
        await core.recordContact(actor);
        if (options.intro) write(options.intro);
        write(`Type \`help\` to see what I can do. ${DOOR_HELP}`);
        await safely(deliver, 0);
      });
      const pollMs = options.pollMs ?? 1_000;
      const timer = pollMs > 0 ? setInterval(() => void serial(() => safely(deliver, 0)), pollMs) : undefined;
      timer?.unref();
      try {
        for (;;) {
          const line = await nextLine();
          if (line === null) break;
          if (await serial(() => safely(() => handleLine(line), false))) break;
        }
      } finally {
        if (timer) clearInterval(timer);
        await chain;
        rl.close();
        write(interactive ? "\nBye." : "Bye.");
      }
    },
  };
}

function errorLines(errors: Record<string, string>, inputs: readonly InputBlock[]): string {
  return Object.entries(errors)
    .map(([id, message]) => {
      const label = inputs.find((block) => block.id === id)?.label;
      return `  ${label ? `${label}: ` : ""}${message}`;
    })
    .join("\n");
}
