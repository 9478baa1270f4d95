// What the Slack door can do, as the core needs to know it: slash commands, modals for inputs, `<@U…>` mentions.
import type { DoorTraits } from "../../core/door-traits.ts";

export const slackTraits: DoorTraits = {
  commandPrefix: "/collab ",
  slashCommands: ["find-collaborator"],
  // Messages get buttons only; what needs typing is asked for in a modal after the click.
  inlineInputs: false,
  mentions: "user-ids",
  // Replies to slash commands and buttons are ephemeral.
  privateReplies: true,
  channelInvite: true,
};
