// Reads `mentor add <mentor> <mentee> [programme]`: Slack mentions (<@U123|name>) or email addresses, then a programme name.
import type { PersonHandle } from "./mentoring-store.ts";

export type MentorAddArgs =
  | { ok: true; mentor: PersonHandle; mentee: PersonHandle; programme: string }
  | { ok: false };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SLACK_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/i;

function handleOf(token: string, platform: string, tenantId: string): PersonHandle | null {
  const mention = SLACK_MENTION.exec(token);
  if (mention && platform === "slack") {
    return { kind: "address", address: { platform: "slack", tenantId, userId: mention[1]!.toUpperCase() } };
  }
  const email = token.replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/i, "$1");
  return EMAIL.test(email) ? { kind: "email", email: email.toLowerCase() } : null;
}

/** `args` is what followed `add`. */
export function parseMentorAdd(args: string, platform: string, tenantId: string): MentorAddArgs {
  const tokens = args.match(/<[^>]*>|\S+/g) ?? [];
  const mentor = tokens[0] ? handleOf(tokens[0], platform, tenantId) : null;
  const mentee = tokens[1] ? handleOf(tokens[1], platform, tenantId) : null;
  if (!mentor || !mentee) return { ok: false };
  return { ok: true, mentor, mentee, programme: tokens.slice(2).join(" ") };
}
