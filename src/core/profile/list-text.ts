// Reads a typed list ("survival analysis; cohort studies, R") into its items, and writes items back for a form.

import { TEXT_LIMITS } from "../text-limits.ts";

export const LIST_ITEM_MAX = TEXT_LIMITS.profileListItem;
export const LIST_ITEMS_MAX = TEXT_LIMITS.profileListItems;

/** Items separated by commas, semicolons or new lines; blanks and repeats (ignoring case) are dropped. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of text.split(/[,;\n\r]+/)) {
    const item = raw.replace(/\s+/g, " ").trim();
    const key = item.toLowerCase();
    if (item === "" || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

export function joinList(items: readonly string[]): string {
  return items.join("; ");
}
