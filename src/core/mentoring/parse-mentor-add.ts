// Reads `mentor add <mentor> <mentee> [programme]`: chat mentions (<@U123|name>) or email addresses, then a programme name.
import type { DoorTraits } from "../door-traits.ts";
import type { ChatAddress } from "../message.ts";
import type { PersonHandle } from "./mentoring-port.ts";

export type MentorAddArgs =
  | { ok: true; mentor: PersonHandle; mentee: PersonHandle; programme: string }
  | { ok: false };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const USER_ID_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/i;

/** A mention names a user of the asker's own platform and tenant; only a door that mentions by user id has them. */
function handleOf(token: string, door: DoorTraits, asker: ChatAddress): PersonHandle | null {
  const mention = USER_ID_MENTION.exec(token);
  if (mention && door.mentions === "user-ids") {
    const userId = mention[1]!.toUpperCase();
    return { kind: "address", address: { platform: asker.platform, tenantId: asker.tenantId, userId } };
  }
  const email = token.replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/i, "$1");
  return EMAIL.test(email) ? { kind: "email", email: email.toLowerCase() } : null;
}

/** `args` is what followed `add`; `asker` is the address of the person who typed it, through `door`. */
export function parseMentorAdd(args: string, door: DoorTraits, asker: ChatAddress): MentorAddArgs {
  const tokens = args.match(/<[^>]*>|\S+/g) ?? [];
  const mentor = tokens[0] ? handleOf(tokens[0], door, asker) : null;
  const mentee = tokens[1] ? handleOf(tokens[1], door, asker) : null;
  if (!mentor || !mentee) return { ok: false };
  return { ok: true, mentor, mentee, programme: tokens.slice(2).join(" ") };
}
