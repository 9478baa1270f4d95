// A person's profile as fields of a message: for the intro request the candidate reads and the "saved" note.
import type { Block } from "../message.ts";
import type { Profile } from "./profile-port.ts";

const ITEMS_SHOWN = 6;

function items(list: readonly string[]): string {
  const shown = list.slice(0, ITEMS_SHOWN).join(", ");
  return list.length > ITEMS_SHOWN ? `${shown} and ${list.length - ITEMS_SHOWN} more` : shown;
}

/** The non-empty parts of a profile, as a fields block (no block when there is nothing to show). */
export function profileFields(profile: Profile, options: { withNeeds?: boolean } = {}): Block[] {
  const fields: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value && value.trim() !== "") fields.push({ label, value });
  };
  add("Institution", profile.institution);
  add("Department", profile.department);
  add("Role", profile.role);
  add("Expertise", items(profile.expertise));
  add("Methods", items(profile.methods));
  add("Offers", items(profile.offers));
  if (options.withNeeds) add("Looking for", items(profile.needs));
  return fields.length > 0 ? [{ type: "fields", fields }] : [];
}
