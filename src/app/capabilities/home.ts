// Home: the overview a door shows on request (Slack's Home tab), over profiles, partnerships and intros.
import type { CommandHandler } from "../../core/feature.ts";
import { createHomeFeature } from "../../core/home/create-home-feature.ts";
import { createHomeIntroStore } from "../../db/home-store.ts";
import { createPartnershipStore } from "../../db/partnership-store.ts";
import { createProfileStore } from "../../db/profile-store.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

/** `commands`: the core's commands, asked when used (the home's find form runs find-collaborator). */
export function createHome(deps: CapabilityDeps, commands: () => readonly CommandHandler[]): Capability {
  return {
    features: [
      createHomeFeature({
        profiles: createProfileStore(deps.db),
        partnerships: createPartnershipStore(deps.db),
        intros: createHomeIntroStore(deps.db),
        findCommand: () => commands().find((command) => command.name === "find-collaborator"),
      }),
    ],
    jobs: [],
  };
}
