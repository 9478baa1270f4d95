// What role management needs from storage; src/db/role-store.ts implements it for chat and the CLI alike.
import type { ChatAddress } from "../message.ts";

export type GrantableRole = "coordinator" | "admin";

/** Who changed a role and from where, for the audit log. */
export interface RoleChangeBy {
  actor: string;
  platform: string;
}

export interface RoleChange {
  role: GrantableRole;
  email: string;
  /** For coordinator: the programme's name. */
  programme?: string;
  grant: boolean;
  by: RoleChangeBy;
  /** From chat: only programmes this workspace or tenant can see may be named. */
  from?: ChatAddress;
}

export type RoleChangeOutcome =
  | { ok: true; changed: boolean; person: string; programme?: string }
  /** last-admin: revoking it would leave the bot with no admin. */
  | { ok: false; reason: "no-person" | "no-programme" | "last-admin" };

export interface RoleListing {
  admins: readonly { name: string; email: string }[];
  coordinators: readonly { programme: string; name: string; email: string }[];
}

export interface RoleStore {
  /** Grants or revokes, audited in the same transaction ("role.grant" / "role.revoke"). */
  change(change: RoleChange): Promise<RoleChangeOutcome>;
  /** Admins, and coordinators of the programmes visible from `from` (all programmes without it). */
  list(from?: ChatAddress): Promise<RoleListing>;
}
