// Who may do what: the four roles, the programmes a chat workspace or tenant can see, and the one place that decides.
import type { ChatAddress } from "../message.ts";

/**
 * member: has a profile the bot knows; mentor: mentors someone in an active mentorship; coordinator: per
 * programme; admin: grants and revokes roles. An admin is not a coordinator of every programme: to read a
 * programme's digest an admin makes themself its coordinator, which the audit log records.
 */
export type Role = "member" | "mentor" | "coordinator" | "admin";

/** What a command or button needs: "anyone" for things a stranger may do (help, create a profile). */
export type Requirement = "anyone" | Role;

export interface ProgrammeRole {
  id: string;
  name: string;
  roles: readonly ("member" | "coordinator")[];
}

/** A person's roles as seen from one chat workspace or tenant. */
export interface Grants {
  admin: boolean;
  mentor: boolean;
  /** Programmes the person belongs to that this workspace or tenant can see, with their roles in each. */
  programmes: readonly ProgrammeRole[];
}

export interface AccessStore {
  /** Only programmes this Slack workspace or Teams tenant may see (`collab programme link` decides). */
  grantsOf(personId: string, address: ChatAddress): Promise<Grants>;
  /** Which of these programmes this workspace or tenant may see at all (unlinked ones: all may). */
  visibleAmong(programmeIds: readonly string[], address: ChatAddress): Promise<ReadonlySet<string>>;
}

/** The asker's access, read from the database at most once per command or button press. */
export interface Access {
  readonly personId: string | null;
  has(role: Role): Promise<boolean>;
  /** Whether the asker coordinates this programme and this workspace or tenant can see it. */
  coordinates(programmeId: string | null | undefined): Promise<boolean>;
  /** The programmes the asker coordinates that this workspace or tenant can see. */
  coordinatedProgrammes(): Promise<readonly { id: string; name: string }[]>;
  /** Whether this workspace or tenant may see the programme (a partnership without one: yes). */
  canSee(programmeIds: readonly (string | null)[]): Promise<ReadonlySet<string>>;
}

const noGrants: Grants = { admin: false, mentor: false, programmes: [] };

export function createAccess(store: AccessStore, address: ChatAddress, personId: string | null): Access {
  let grants: Promise<Grants> | undefined;
  const load = () => {
    grants ??= personId ? store.grantsOf(personId, address) : Promise.resolve(noGrants);
    return grants;
  };
  const coordinated = async () => (await load()).programmes.filter((p) => p.roles.includes("coordinator"));
  return {
    personId,
    async has(role) {
      if (!personId) return false;
      if (role === "member") return true;
      const g = await load();
      if (role === "admin") return g.admin;
      if (role === "mentor") return g.mentor;
      return g.programmes.some((p) => p.roles.includes("coordinator"));
    },
    async coordinates(programmeId) {
      if (!programmeId) return false;
      return (await coordinated()).some((p) => p.id === programmeId);
    },
    async coordinatedProgrammes() {
      return (await coordinated()).map(({ id, name }) => ({ id, name }));
    },
    async canSee(programmeIds) {
      const ids = [...new Set(programmeIds.filter((id): id is string => Boolean(id)))];
      return ids.length === 0 ? new Set() : store.visibleAmong(ids, address);
    },
  };
}

/** What a person who lacks the role is told: short, kind, and the same whatever they tried, so nothing leaks. */
export const REFUSALS: Record<Role, string> = {
  member: "I don't know you yet: ask your programme coordinator to add you, or create a profile first.",
  mentor: "Sorry, only a mentor in an active mentorship can do that.",
  coordinator:
    "Sorry, only a programme coordinator can do that. If you coordinate a programme, ask whoever runs the bot to mark you as its coordinator.",
  admin: "Sorry, only an admin of this bot can do that. Ask whoever runs the bot.",
};
