// `/collab role …`: admins grant and revoke the coordinator and admin roles from chat, and list who holds them.
import { isEmailAddress } from "../csv-table.ts";
import type { CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import { commandUsage } from "../help.ts";
import type { GrantableRole, RoleStore } from "./role-port.ts";

export interface RolesFeatureDeps {
  roles: RoleStore;
}

interface Parsed {
  grant: boolean;
  role: GrantableRole;
  email: string;
  programme: string;
}

function parse(args: string): Parsed | null {
  const [verb = "", role = "", email = "", ...rest] = args.trim().split(/\s+/);
  const v = verb.toLowerCase();
  const r = role.toLowerCase();
  if ((v !== "grant" && v !== "revoke") || (r !== "coordinator" && r !== "admin")) return null;
  if (!isEmailAddress(email)) return null;
  const programme = rest.join(" ");
  if (r === "coordinator" && programme === "") return null;
  return { grant: v === "grant", role: r, email: email.toLowerCase(), programme };
}

export function createRolesFeature(deps: RolesFeatureDeps): CoreFeature {
  function usage(context: CommandContext): Reply {
    const door = context.actor.door;
    const role = (rest: string) => `\`${commandUsage(door, `role ${rest}`)}\``;
    return textReply(
      `Try ${role("list")}, ${role("grant coordinator name@uni.org Oncology Network")}, ` +
        `${role("revoke coordinator name@uni.org Oncology Network")} or ${role("grant admin name@uni.org")}.`,
    );
  }

  async function list(context: CommandContext): Promise<Reply> {
    const { admins, coordinators } = await deps.roles.list(context.actor.address);
    const who = (p: { name: string; email: string }) => `${p.name} (${p.email})`;
    const lines = [
      `Admins: ${admins.map(who).join(", ") || "none"}.`,
      ...coordinators.map((c) => `Coordinator of ${c.programme}: ${who(c)}.`),
    ];
    return textReply(lines.join("\n"));
  }

  async function change(context: CommandContext): Promise<Reply> {
    const parsed = parse(context.args);
    if (!parsed) return usage(context);
    const outcome = await deps.roles.change({
      role: parsed.role,
      email: parsed.email,
      ...(parsed.role === "coordinator" ? { programme: parsed.programme } : {}),
      grant: parsed.grant,
      by: { actor: context.personId ?? "unknown", platform: context.actor.address.platform },
      from: context.actor.address,
    });
    if (!outcome.ok) {
      if (outcome.reason === "last-admin") {
        return textReply("That is the last admin: grant admin to someone else first.");
      }
      return textReply(
        outcome.reason === "no-person"
          ? `No one with the email ${parsed.email} is known here: import them with the people CSV first.`
          : `There is no programme called “${parsed.programme}” here. \`${commandUsage(context.actor.door, "role list")}\` shows the programmes and their coordinators.`,
      );
    }
    const what = parsed.role === "admin" ? "an admin" : `a coordinator of ${outcome.programme}`;
    if (!outcome.changed) {
      return textReply(`${outcome.person} ${parsed.grant ? "is" : "is not"} ${what} already.`);
    }
    return textReply(`${outcome.person} ${parsed.grant ? "is now" : "is no longer"} ${what}.`);
  }

  return {
    commands: [
      {
        name: "role",
        aliases: ["roles"],
        access: "admin",
        usage: "role list | grant|revoke <coordinator|admin> <email> [programme]",
        description: "Admins: who coordinates what, and grant or revoke the coordinator and admin roles.",
        run: (context) => (/^(list)?$/i.test(context.args.trim()) ? list(context) : change(context)),
      },
    ],
  };
}
