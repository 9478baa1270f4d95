// Asks for a form's inputs one at a time: numbered choices, text lines, Enter to skip an optional one.
import { parseIsoDate } from "../../core/local-date.ts";
import { isTimeZone } from "../../core/people-csv.ts";
import { clean } from "../render-text.ts";
import { type InputBlock, renderInputPrompt } from "./render-plain-text.ts";

export type InputValues = Record<string, string | string[]>;

export interface Conversation {
  /** The next line typed, or null when the input has ended. */
  nextLine(): Promise<string | null>;
  write(text: string): void;
}

type Answer = { ok: true; value: string | string[] } | { ok: false; problem: string };

function readChoice(block: Extract<InputBlock, { type: "choice" }>, typed: string): Answer {
  if (typed === "") {
    if (block.initial !== undefined) {
      const initial = block.initial;
      return {
        ok: true,
        value: block.multiple ? [...(typeof initial === "string" ? [initial] : initial)] : String(initial),
      };
    }
    if (block.optional) return { ok: true, value: block.multiple ? [] : "" };
    return { ok: false, problem: "Please choose one: type its number." };
  }
  const parts = typed.split(/[\s,]+/).filter((part) => part !== "");
  const numbers = parts.map((part) => Number(part));
  const count = block.options.length;
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > count)) {
    return {
      ok: false,
      problem: `Please type ${block.multiple ? "numbers" : "a number"} from 1 to ${count}.`,
    };
  }
  if (!block.multiple && numbers.length > 1) return { ok: false, problem: "Please choose only one." };
  const values = [...new Set(numbers)].map((n) => block.options[n - 1]!.value);
  return { ok: true, value: block.multiple ? values : values[0]! };
}

function readText(block: Extract<InputBlock, { type: "text-input" }>, typed: string): Answer {
  if (typed === "") {
    if (block.initial) return { ok: true, value: block.initial };
    if (block.optional) return { ok: true, value: "" };
    return { ok: false, problem: "This one is needed." };
  }
  if (block.maxLength && typed.length > block.maxLength) {
    return {
      ok: false,
      problem: `Please keep it to ${block.maxLength} characters (that was ${typed.length}).`,
    };
  }
  // Checked as typed, so a wrong date or zone is asked again now rather than after the whole form.
  if (block.format === "date" && !parseIsoDate(typed)) {
    return { ok: false, problem: "Write the date as YYYY-MM-DD, e.g. 2027-03-31." };
  }
  if (block.format === "timezone" && !isTimeZone(typed)) {
    return {
      ok: false,
      problem: "That is not a time zone I know: use a name like Europe/London or America/New_York.",
    };
  }
  return { ok: true, value: typed };
}

/**
 * Asks for each input in turn and returns all values (those given in `known` are kept), or null when the
 * person types "cancel" or the input ends.
 */
export async function askInputs(
  blocks: readonly InputBlock[],
  conversation: Conversation,
  known: InputValues,
): Promise<InputValues | null> {
  const values: InputValues = { ...known };
  for (const block of blocks) {
    if (block.id in values) continue;
    conversation.write(renderInputPrompt(block));
    for (;;) {
      const line = await conversation.nextLine();
      if (line === null) return null;
      const typed = clean(line).trim();
      if (typed.toLowerCase() === "cancel") return null;
      const answer = block.type === "choice" ? readChoice(block, typed) : readText(block, typed);
      if (answer.ok) {
        values[block.id] = answer.value;
        break;
      }
      conversation.write(answer.problem);
    }
  }
  return values;
}
