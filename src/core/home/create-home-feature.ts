// The home overview (Slack's Home tab): profile status, partnerships, open intros and buttons to act on them.
import type { ActionContext, CommandHandler, CoreFeature, Reply } from "../feature.ts";
import type { PartnershipStore } from "../partnerships/partnership-port.ts";
import type { ProfileStore } from "../profile/profile-port.ts";
import { HOME_FIND_ACTION, HOME_FIND_SUBMIT_ACTION, HOME_NEED_INPUT, homeMessage } from "./home-message.ts";
import type { HomeIntroStore } from "./home-port.ts";

/** The action a door runs to build the overview (Slack: when a person opens the app's Home tab). */
export const HOME_OPEN_ACTION = "home.open";

export interface HomeFeatureDeps {
  profiles: ProfileStore;
  partnerships: PartnershipStore;
  intros: HomeIntroStore;
  /** The find-collaborator command, run with the need typed into the home's form (looked up when used). */
  findCommand: () => CommandHandler | undefined;
}

export function createHomeFeature(deps: HomeFeatureDeps): CoreFeature {
  async function overview(context: ActionContext): Promise<Reply> {
    const profile = context.personId ? await deps.profiles.profileOf(context.personId) : null;
    const listed = context.personId
      ? await deps.partnerships.listFor(context.personId, context.now)
      : { zone: profile?.timezone ?? context.actor.timezone ?? "UTC", partnerships: [] };
    const intros = context.personId ? await deps.intros.openIntrosOf(context.personId, context.now) : [];
    return {
      kind: "message",
      message: homeMessage({
        profile,
        zone: listed.zone,
        partnerships: listed.partnerships,
        intros,
        now: context.now,
      }),
    };
  }

  async function find(context: ActionContext): Promise<Reply> {
    const raw = context.inputs[HOME_NEED_INPUT];
    const need = (Array.isArray(raw) ? raw.join(" ") : (raw ?? "")).trim();
    if (need === "")
      return { kind: "invalid", errors: { [HOME_NEED_INPUT]: "Say what you need in a sentence." } };
    const command = deps.findCommand();
    if (!command) return { kind: "none" };
    const reply = await command.run({ ...context, args: need });
    context.record("your search was run");
    return reply;
  }

  return {
    actions: [
      { actionId: HOME_OPEN_ACTION, access: "anyone", presses: { kind: "reads" }, run: overview },
      {
        actionId: HOME_FIND_ACTION,
        access: "anyone",
        presses: { kind: "reads" },
        run: async () => ({
          kind: "form",
          form: {
            title: "Find a collaborator",
            submitActionId: HOME_FIND_SUBMIT_ACTION,
            submitLabel: "Find",
            // The key it was opened with: a submission sent twice runs (and records) one search.
            value: globalThis.crypto.randomUUID(),
            blocks: [
              {
                type: "text-input",
                id: HOME_NEED_INPUT,
                label: "What do you need?",
                placeholder: "biostatistician for a breast cancer cohort study",
                multiline: true,
              },
            ],
          },
        }),
      },
      {
        actionId: HOME_FIND_SUBMIT_ACTION,
        access: "anyone",
        presses: {
          kind: "once",
          prompt: (press) => (press.value ? `home.find:${press.value}` : null),
          submits: true,
        },
        run: find,
      },
    ],
  };
}
