// Samples for the neutral-message renderer tests: Ana (on Slack in T1 and Teams in tenant-a), Bo (only in other
// tenants), and blocks both renderers are given.
import type { Block, PersonRef } from "../../src/core/message.ts";

const person = (id: string, name: string, institution: string, identities: PersonRef["identities"]) => ({
  id,
  name,
  institution,
  identities,
});

export const ana: PersonRef = person("p-ana", "Ana Lima", "Uni Porto", [
  { platform: "slack", tenantId: "T1", userId: "U123" },
  { platform: "teams", tenantId: "tenant-a", userId: "29:ana" },
]);

export const bo: PersonRef = person("p-bo", "Bo Chen", "KTH", [
  { platform: "slack", tenantId: "T2", userId: "U999" },
  { platform: "teams", tenantId: "tenant-b", userId: "29:bo" },
]);

/** A check-in's three buttons: two share an action id, one has no style. */
export const checkinButtons: Extract<Block, { type: "actions" }> = {
  type: "actions",
  buttons: [
    { label: "On track", actionId: "checkin", value: "ok", style: "primary" },
    { label: "Blocked", actionId: "checkin", value: "blocked", style: "danger" },
    { label: "Later", actionId: "snooze", value: "1d" },
  ],
};

/** A multi-line text input with every option but `optional` set. */
export const notesInput: Extract<Block, { type: "text-input" }> = {
  type: "text-input",
  id: "notes",
  label: "Notes",
  placeholder: "Anything else?",
  initial: "none",
  multiline: true,
  maxLength: 500,
};
