// What the Teams door can do, as the core needs to know it: commands as plain messages, cards that carry inputs.
import type { DoorTraits } from "../../core/door-traits.ts";

export const teamsTraits: DoorTraits = {
  commandPrefix: "",
  slashCommands: [],
  inlineInputs: true,
  // Commands name people by email address.
  mentions: "emails",
  // In a channel the reply is posted in the conversation, for everyone there.
  privateReplies: false,
  // The bot is in every channel of a team it is installed in.
  channelInvite: false,
};
