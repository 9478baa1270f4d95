// Reads the values of Block Kit inputs (state.values) into the core's plain map of input id → value.
import { neutralActionId } from "./render-block-kit.ts";

interface ElementState {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
  selected_date?: string | null;
  selected_user?: string | null;
}

export function inputsFromState(values: unknown): Record<string, string | string[]> {
  const inputs: Record<string, string | string[]> = {};
  if (!values || typeof values !== "object") return inputs;
  for (const [blockId, elements] of Object.entries(values as Record<string, Record<string, ElementState>>)) {
    for (const element of Object.values(elements ?? {})) {
      const id = neutralActionId(blockId);
      if (element.selected_options) inputs[id] = element.selected_options.map((o) => o.value);
      else if (element.selected_option) inputs[id] = element.selected_option.value;
      else if (typeof element.value === "string") inputs[id] = element.value;
      else if (element.selected_date) inputs[id] = element.selected_date;
      else if (element.selected_user) inputs[id] = element.selected_user;
      else inputs[id] = "";
    }
  }
  return inputs;
}
