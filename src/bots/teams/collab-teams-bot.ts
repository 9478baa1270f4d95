// The Teams activity handler: thin — translate the activity, call the core, show the reply as an Adaptive Card.
import { type Activity, ActivityHandler, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Core } from "../../core/create-core.ts";
import { everyoneCommands, helpMessage } from "../../core/help.ts";
import type { Logger } from "../../logger.ts";
import { teamsActor, teamsTenantId } from "./actor.ts";
import { answerReply, cardAnswer, errorAnswer, messageAnswer } from "./invoke-response.ts";
import { neutralInputId, renderAdaptiveCard } from "./render-adaptive-card.ts";
import type { TeamsInstalls } from "./teams-installs.ts";
import { sendMessage, showReply } from "./teams-reply.ts";
import { teamsTraits } from "./teams-traits.ts";

interface SubmitData {
  actionId?: unknown;
  value?: unknown;
  [input: string]: unknown;
}

export interface CollabTeamsBotDeps {
  core: Core;
  logger: Logger;
  installs: TeamsInstalls;
}

export function createCollabTeamsBot(deps: CollabTeamsBotDeps): ActivityHandler {
  return new CollabTeamsBot(deps);
}

class CollabTeamsBot extends ActivityHandler {
  private readonly core: Core;
  private readonly logger: Logger;
  private readonly installs: TeamsInstalls;

  constructor(deps: CollabTeamsBotDeps) {
    super();
    this.core = deps.core;
    this.logger = deps.logger;
    this.installs = deps.installs;

    this.onMessage(async (context, next) => {
      const activity = context.activity;
      if (!from(activity)) {
        this.logger.warn({ activityType: activity.type }, "Teams message without a sender ignored");
      } else if (await this.stranger(activity)) {
        await sendMessage(context, this.help());
      } else {
        const submitted = activity.value as SubmitData | undefined;
        if (submitted && typeof submitted === "object" && typeof submitted.actionId === "string") {
          // An Action.Submit (cards sent before Universal Actions, and the fallback on old clients): Teams posts a
          // message whose value is the button's data merged with the card's input values.
          const { actionId, value, ...inputs } = submitted;
          const reply = await this.core.handleAction({
            actor: teamsActor(activity),
            actionId,
            value: typeof value === "string" ? value : "",
            inputs: inputValues(inputs),
          });
          await showReply(context, reply);
        } else {
          const text = withoutBotMention(context);
          if (text) {
            const reply = await this.core.handleCommand({ actor: teamsActor(activity), text });
            await showReply(context, reply);
          }
        }
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.recordInstall(context, "Teams app installed");
      await next();
    });

    // Teams sends "remove" (or "remove-upgrade" when an app update drops the bot) when the app is uninstalled; the
    // saved reference then only earns 403s, so it is dropped and the person shows as unreachable in digests.
    this.onInstallationUpdateRemove(async (context, next) => {
      const activity = context.activity;
      const conversationId = activity.conversation?.id;
      if (conversationId) {
        const aadObjectId = activity.from?.aadObjectId;
        const dropped = await this.installs.forgetConversation({
          tenantId: teamsTenantId(activity),
          conversationId,
          ...(aadObjectId ? { userId: aadObjectId } : {}),
          action: String(activity.action ?? "remove"),
        });
        this.logger.info(
          { tenant: teamsTenantId(activity), references: dropped, action: activity.action },
          "Teams app removed",
        );
      }
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.recordInstall(context, "Teams bot added to a conversation");
      }
      await next();
    });
  }

  /**
   * Invokes expect their answer in the HTTP response. ActivityHandler answers adaptiveCard/action with 501 unless
   * overridden, which Teams shows as an error on the card; every invoke here gets a 200 with a documented body.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    try {
      if (activity.name === "adaptiveCard/action") return await this.cardAction(context);
      this.logger.info({ invoke: String(activity.name ?? "").slice(0, 80) }, "Teams invoke not handled");
      return messageAnswer("This action isn't available in Collab.");
    } catch (error) {
      this.logger.error({ err: (error as Error).message, invoke: activity.name }, "Teams invoke failed");
      return errorAnswer(500, "Sorry, something went wrong on my side. Please try again in a minute.");
    }
  }

  /** An Action.Execute press: the verb is the core's action id, data its value and the card's inputs. */
  private async cardAction(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const data = (isRecord(action?.data) ? action.data : {}) as SubmitData;
    const verb = nonEmpty(action?.verb) ?? nonEmpty(data.actionId);
    if (!verb || !from(activity)) {
      return errorAnswer(400, "That button no longer works. Try the command again.");
    }
    if (await this.stranger(activity)) {
      return cardAnswer(renderAdaptiveCard(this.help(), { tenantId: teamsTenantId(activity) }).card);
    }
    const { actionId: _actionId, value, viewers, ...inputs } = data;
    const reply = await this.core.handleAction({
      actor: teamsActor(activity),
      actionId: verb,
      value: typeof value === "string" ? value : "",
      inputs: inputValues(inputs),
    });
    // trigger "automatic" is a card's refresh as someone views it: the answer is what that person sees.
    const refreshFor = Array.isArray(viewers)
      ? viewers.filter((v): v is string => typeof v === "string")
      : [];
    return answerReply(context, reply, refreshFor);
  }

  /** Saves the conversation reference of an install, unless it comes from a tenant the bot does not serve. */
  private async recordInstall(context: TurnContext, what: string): Promise<void> {
    const activity = context.activity;
    const tenant = teamsTenantId(activity);
    if (!from(activity) || (await this.stranger(activity))) {
      this.logger.info({ tenant }, `${what} from a tenant this bot does not serve: nothing saved`);
      return;
    }
    await this.core.recordContact(teamsActor(activity));
    this.logger.info({ tenant }, what);
  }

  private async stranger(activity: Partial<Activity>): Promise<boolean> {
    return this.installs.isStrangerTenant(teamsTenantId(activity));
  }

  /** Help for someone the bot does not know: what it does, written without recording them anywhere. */
  private help() {
    return helpMessage(teamsTraits, everyoneCommands(this.core.commands()));
  }
}

function from(activity: Partial<Activity>): string | undefined {
  return nonEmpty(activity.from?.aadObjectId) ?? nonEmpty(activity.from?.id);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function inputValues(inputs: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [id, value] of Object.entries(inputs)) {
    if (typeof value === "string") values[neutralInputId(id)] = value;
    else if (typeof value === "boolean" || typeof value === "number")
      values[neutralInputId(id)] = String(value);
  }
  return values;
}

/** In channels the text starts with "<at>Bot</at>"; the mention is removed before the command is read. */
function withoutBotMention(context: TurnContext): string {
  const activity = context.activity;
  let text = activity.text ?? "";
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mentioned = (entity as { mentioned?: { id?: string } }).mentioned;
    const mentionText = (entity as { text?: string }).text;
    if (entity.type === "mention" && mentioned?.id === botId && mentionText) {
      text = text.split(mentionText).join(" ");
    }
  }
  return text.replace(/<at>[^<]*<\/at>/g, " ").trim();
}
