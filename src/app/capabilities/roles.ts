// Roles: admins grant, revoke and list the coordinator and admin roles from chat (no job).
import { createRolesFeature } from "../../core/access/create-roles-feature.ts";
import { createRoleStore } from "../../db/role-store.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

export function createRoles(deps: CapabilityDeps): Capability {
  return { features: [createRolesFeature({ roles: createRoleStore(deps.db) })], jobs: [] };
}
