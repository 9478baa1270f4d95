// `/collab window [programme] [<days> <hours>]` and its form: a coordinator sets when their programme's members
// are prompted and reminded (default Mon–Fri 09:00–17:00 in each member's own time), never at night.
import type { ActionContext, CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import type { Form } from "../message.ts";
import { pickProgramme } from "../pick-programme.ts";
import {
  type AnswerWindow,
  checkWindow,
  dayName,
  EARLIEST_HOUR,
  formatAnswerWindow,
  hourText,
  LATEST_HOUR,
  parseAnswerWindow,
} from "./answer-window.ts";
import type { AnswerWindowStore, ProgrammeWindow } from "./answer-window-port.ts";

export const ANSWER_WINDOW_SAVE_ACTION = "window.save";

const NOT_A_COORDINATOR =
  "Sorry, only a programme coordinator can set when check-ins come. If you coordinate a programme, ask whoever runs the bot to mark you as its coordinator.";

export function answerWindowForm(programmes: readonly ProgrammeWindow[]): Form {
  const first = programmes[0]!;
  const hours = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ label: hourText(from + i), value: String(from + i) }));
  return {
    title: "Check-in window",
    submitActionId: ANSWER_WINDOW_SAVE_ACTION,
    submitLabel: "Save",
    blocks: [
      {
        type: "text",
        text: `When members are prompted and reminded, in each one's own time zone; never on their public holidays or days away. Now: ${programmes.map((p) => `${p.name} ${formatAnswerWindow(p.window)}`).join("; ")}.`,
      },
      ...(programmes.length > 1
        ? [
            {
              type: "choice" as const,
              id: "programme",
              label: "Programme",
              options: programmes.map((p) => ({ label: p.name, value: p.id })),
            },
          ]
        : []),
      {
        type: "choice",
        id: "days",
        label: "Days",
        multiple: true,
        options: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ label: dayName(d), value: String(d) })),
        initial: first.window.days.map(String),
      },
      {
        type: "choice",
        id: "start",
        label: "From",
        options: hours(EARLIEST_HOUR, LATEST_HOUR - 1),
        initial: String(first.window.startHour),
      },
      {
        type: "choice",
        id: "end",
        label: "Until",
        options: hours(EARLIEST_HOUR + 1, LATEST_HOUR),
        initial: String(first.window.endHour),
      },
    ],
    ...(programmes.length === 1 ? { value: first.id } : {}),
  };
}

const many = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : (value ?? "").split(",")).map((v) => v.trim()).filter(Boolean);

export function createAnswerWindowFeature(deps: { windows: AnswerWindowStore }): CoreFeature {
  const { windows } = deps;

  async function coordinated(context: CommandContext | ActionContext): Promise<ProgrammeWindow[]> {
    const programmes = await context.access.coordinatedProgrammes();
    return windows.windowsOf(programmes.map((p) => p.id));
  }

  async function save(
    context: CommandContext | ActionContext,
    programme: ProgrammeWindow,
    window: AnswerWindow,
  ) {
    await windows.setWindow({
      programmeId: programme.id,
      window,
      by: context.personId!,
      platform: context.actor.address.platform,
    });
    return textReply(
      `Saved: ${programme.name} check-ins come ${formatAnswerWindow(window)} in each member's own time, never on their public holidays or days away.`,
    );
  }

  async function command(context: CommandContext): Promise<Reply> {
    const programmes = await coordinated(context);
    if (programmes.length === 0) return textReply(NOT_A_COORDINATOR);
    const args = context.args.trim();
    if (args === "") return { kind: "form", form: answerWindowForm(programmes) };
    const usage = commandUsage(context.actor.door, "window");
    // The window is the last two words ("Mon-Fri 09:00-17:00"); anything before them names the programme.
    const words = args.split(/\s+/);
    const named = words.length > 2 ? words.slice(0, -2).join(" ") : "";
    const parsed = parseAnswerWindow(words.slice(-2).join(" "));
    if (!parsed.ok) return textReply(`${parsed.reason} For example: \`${usage} Mon-Fri 09:00-17:00\`.`);
    const picked = pickProgramme(programmes, named);
    if (!picked.ok) {
      const list = picked.names.map((name) => `\`${usage} ${name} ${words.slice(-2).join(" ")}\``).join(", ");
      return textReply(
        picked.reason === "unknown"
          ? `You don't coordinate a programme by that name. Try one of: ${list}.`
          : `You coordinate several programmes; say which: ${list}.`,
      );
    }
    return save(context, picked.programme, parsed.window);
  }

  async function submit(context: ActionContext): Promise<Reply> {
    const programmes = await coordinated(context);
    if (programmes.length === 0) return textReply(NOT_A_COORDINATOR);
    const programmeId = many(context.inputs.programme)[0] ?? context.value.trim();
    const programme = programmes.find((p) => p.id === programmeId);
    if (!programme) return { kind: "invalid", errors: { programme: "Choose a programme you coordinate." } };
    const checked = checkWindow(
      many(context.inputs.days).map(Number),
      Number(many(context.inputs.start)[0]),
      Number(many(context.inputs.end)[0]),
    );
    if (!checked.ok) {
      const field = checked.reason.startsWith("Choose") ? "days" : "end";
      return { kind: "invalid", errors: { [field]: checked.reason } };
    }
    return save(context, programme, checked.window);
  }

  return {
    commands: [
      {
        name: "window",
        access: "coordinator",
        refusal: NOT_A_COORDINATOR,
        usage: "window [programme] [<days> <hours>]",
        description:
          "Coordinators: when check-ins come, e.g. `window Mon-Thu 08:00-16:00` (default Mon–Fri 09:00–17:00).",
        run: command,
      },
    ],
    // Saving writes the form's window over the programme's: submitting it again leaves the same window.
    actions: [
      {
        actionId: ANSWER_WINDOW_SAVE_ACTION,
        access: "coordinator",
        refusal: NOT_A_COORDINATOR,
        presses: { kind: "sets" },
        run: submit,
      },
    ],
  };
}
