// What the terminal chat can do, as the core needs to know it: commands as typed lines, inputs asked in turn.
import type { DoorTraits } from "../../core/door-traits.ts";

export const consoleTraits: DoorTraits = {
  commandPrefix: "",
  slashCommands: [],
  inlineInputs: true,
  mentions: "emails",
  privateReplies: true,
  channelInvite: false,
};
