// The product's entry point for the doors: a command or a button press in, a neutral reply out.
import { type Access, type AccessStore, createAccess, REFUSALS } from "./access/access.ts";
import { cleanInputs, cleanText } from "./clean-input.ts";
import { parseCommandText } from "./command-text.ts";
import {
  type ActionContext,
  type ActionHandler,
  type CommandHandler,
  type CoreFeature,
  type Guarded,
  type Reply,
  textReply,
} from "./feature.ts";
import { helpCommand, unknownCommandMessage } from "./help.ts";
import type { Actor, Clock, IdentityStore, Log } from "./ports.ts";
import { type PressLedger, recordedAgainMessage } from "./presses/press-port.ts";

export type { Reply } from "./feature.ts";

export interface CoreDeps {
  identities: IdentityStore;
  access: AccessStore;
  clock: Clock;
  log: Log;
  /** Where presses of "once" buttons are recorded; without it (unit tests of one feature) every press runs. */
  presses?: PressLedger;
  features?: readonly CoreFeature[];
}

export interface CommandInput {
  actor: Actor;
  text: string;
  /** The Slack slash command that carried the text, when there was one. */
  slashCommand?: string;
}

export interface ActionInput {
  actor: Actor;
  actionId: string;
  value: string;
  inputs?: Record<string, string | string[]>;
}

export interface Core {
  handleCommand(input: CommandInput): Promise<Reply>;
  handleAction(input: ActionInput): Promise<Reply>;
  /** Records a chat identity's first contact or install, keeping its Teams conversation reference. */
  recordContact(actor: Actor): Promise<void>;
  commands(): readonly CommandHandler[];
  actions(): readonly ActionHandler[];
}

const sorry: Reply = {
  kind: "message",
  message: {
    summary: "Sorry, something went wrong.",
    blocks: [{ type: "text", text: "Sorry, something went wrong on my side. Please try again in a minute." }],
  },
};

function findAction(actions: readonly ActionHandler[], actionId: string): ActionHandler | undefined {
  return (
    actions.find((a) => a.actionId === actionId) ??
    actions.find((a) => /[.:]$/.test(a.actionId) && actionId.startsWith(a.actionId))
  );
}

/** The handler's role requirement, checked on the server for every command and button: a button is no proof. */
async function refusal(handler: Guarded, access: Access): Promise<Reply | null> {
  if (handler.access === "anyone" || (await access.has(handler.access))) return null;
  return textReply(handler.refusal ?? REFUSALS[handler.access]);
}

export function createCore(deps: CoreDeps): Core {
  const features = deps.features ?? [];
  const commands: CommandHandler[] = [];
  commands.push(
    ...features.flatMap((f) => f.commands ?? []),
    helpCommand(() => commands),
  );
  const actions = features.flatMap((f) => f.actions ?? []);

  /** A "once" handler runs inside the ledger's transaction; a second press of its prompt is told what counted. */
  async function runOnce(handler: ActionHandler, context: ActionContext): Promise<Reply> {
    const policy = handler.presses;
    const promptKey = policy.kind === "once" && deps.presses ? policy.prompt(context) : null;
    if (policy.kind !== "once" || !deps.presses || !promptKey) return handler.run(context);
    const pressed = await deps.presses.once(
      {
        promptKey,
        actionId: policy.slot ?? handler.actionId,
        pressed: context.actionId,
        personId: context.personId,
        at: context.now,
      },
      async () => {
        let outcome: string | null = null;
        const result = await handler.run({
          ...context,
          record: (what) => {
            outcome = what;
          },
        });
        return { result, outcome };
      },
    );
    if (pressed.kind === "first") return pressed.result;
    deps.log.info({ action: handler.actionId }, "Button pressed again: answered with what was recorded");
    const message = recordedAgainMessage(pressed.press, context.actor.timezone);
    return policy.submits ? { kind: "message", message } : { kind: "update", message };
  }

  const byName = (name: string) => commands.find((c) => c.name === name || c.aliases?.includes(name));

  return {
    async handleCommand(input) {
      const now = deps.clock.now();
      const { personId } = await deps.identities.recordContact(input.actor, now);
      const parsed = parseCommandText(cleanText(input.text), input.slashCommand);
      const handler = byName(parsed.name);
      if (!handler) {
        return { kind: "message", message: unknownCommandMessage(input.actor.door, parsed.name) };
      }
      try {
        const access = createAccess(deps.access, input.actor.address, personId);
        const refused = await refusal(handler, access);
        if (refused) {
          deps.log.info({ command: handler.name, needs: handler.access }, "Command refused");
          return refused;
        }
        return await handler.run({ actor: input.actor, personId, args: parsed.args, now, access });
      } catch (error) {
        deps.log.error({ err: (error as Error).message, command: handler.name }, "Command failed");
        return sorry;
      }
    },
    async handleAction(input) {
      const now = deps.clock.now();
      const { personId } = await deps.identities.recordContact(input.actor, now);
      const handler = findAction(actions, input.actionId);
      if (!handler) {
        deps.log.warn({ actionId: input.actionId.slice(0, 80) }, "Unknown action");
        return {
          kind: "message",
          message: {
            summary: "That button no longer works.",
            blocks: [{ type: "text", text: "That button no longer works. Try the command again." }],
          },
        };
      }
      try {
        const access = createAccess(deps.access, input.actor.address, personId);
        const refused = await refusal(handler, access);
        if (refused) {
          deps.log.info({ action: handler.actionId, needs: handler.access }, "Action refused");
          return refused;
        }
        return await runOnce(handler, {
          actor: input.actor,
          personId,
          access,
          actionId: input.actionId,
          value: cleanText(input.value),
          inputs: cleanInputs(input.inputs ?? {}),
          now,
          record: () => {},
        });
      } catch (error) {
        deps.log.error({ err: (error as Error).message, action: handler.actionId }, "Action failed");
        return sorry;
      }
    },
    async recordContact(actor) {
      await deps.identities.recordContact(actor, deps.clock.now());
    },
    commands: () => commands,
    actions: () => actions,
  };
}
