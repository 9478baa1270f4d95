// Turns what a person typed (Slack slash command text or a Teams message) into a command name and its arguments.

export interface ParsedCommand {
  name: string;
  args: string;
}

/**
 * Accepts "help", "collab help", "/collab help", "find-collaborator stats help" and "/find-collaborator …";
 * Teams prefixes channel messages with the bot's mention, which the door removes before this.
 */
export function parseCommandText(text: string, slashCommand?: string): ParsedCommand {
  let rest = text.replace(/\s+/g, " ").trim();
  const slash = slashCommand?.replace(/^\//, "").toLowerCase();
  if (slash === "find-collaborator") return { name: "find-collaborator", args: rest };
  rest = rest.replace(/^\/?collab\b\s*/i, "");
  if (/^\/?find-collaborator\b/i.test(rest)) {
    return { name: "find-collaborator", args: rest.replace(/^\/?find-collaborator\b\s*/i, "") };
  }
  const [first = "", ...others] = rest.split(" ");
  return { name: first.toLowerCase() || "help", args: others.join(" ") };
}
