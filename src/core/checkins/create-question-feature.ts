// `/collab question [programme | partnership]`: a coordinator sets the check-in question and its choices in a form.
import type { Access } from "../access/access.ts";
import type { ActionContext, CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import { formAgain } from "../message.ts";
import { answerLabel } from "./answers.ts";
import { checkQuestionDraft, type QuestionScope } from "./custom-question.ts";
import {
  CHECKIN_QUESTION_ACTION,
  questionForm,
  readQuestionForm,
  SCOPE_INPUT,
  type ScopeChoice,
  scopeValue,
} from "./question-form.ts";
import type { QuestionStore } from "./question-port.ts";

export interface QuestionFeatureDeps {
  questions: QuestionStore;
  freeText: FreeTextGuard;
}

/** The same words whatever was named: a programme or partnership the asker does not coordinate is never confirmed. */
export const NOT_THEIR_SCOPE =
  "You don't coordinate a programme or partnership by that name. Run the command without a name to choose from yours.";

/** What the asker may set a question for, from this workspace or tenant: their programmes and those programmes' partnerships. */
async function scopesOf(access: Access, questions: QuestionStore): Promise<ScopeChoice[]> {
  const programmes = await access.coordinatedProgrammes();
  const names = new Map(programmes.map((p) => [p.id, p.name]));
  const partnerships = await questions.partnershipsOf(programmes.map((p) => p.id));
  return [
    ...programmes.map((p) => ({
      scope: { kind: "programme", id: p.id } as QuestionScope,
      label: `${p.name} (every partnership)`,
      name: p.name,
    })),
    ...partnerships.map((p) => ({
      scope: { kind: "partnership", id: p.id } as QuestionScope,
      label: `${p.title} (${names.get(p.programmeId) ?? "programme"})`,
      name: p.title,
    })),
  ];
}

export function createQuestionFeature(deps: QuestionFeatureDeps): CoreFeature {
  const { questions, freeText } = deps;

  async function open(context: CommandContext): Promise<Reply> {
    const scopes = await scopesOf(context.access, questions);
    if (scopes.length === 0) return textReply(NOT_THEIR_SCOPE);
    const named = context.args.trim().toLowerCase();
    if (!named) return { kind: "form", form: questionForm({ scopes, fixed: null, current: null }) };
    const matches = scopes.filter((s) => s.name.toLowerCase() === named);
    // A programme's name wins over a partnership that happens to share it; two partnerships alike: choose in the form.
    const fixed =
      matches.find((s) => s.scope.kind === "programme") ?? (matches.length === 1 ? matches[0] : null);
    if (!fixed) {
      return matches.length > 1
        ? { kind: "form", form: questionForm({ scopes: matches, fixed: null, current: null }) }
        : textReply(NOT_THEIR_SCOPE);
    }
    const current = await questions.current(fixed.scope);
    return { kind: "form", form: questionForm({ scopes, fixed, current }) };
  }

  async function save(context: ActionContext): Promise<Reply> {
    const submitted = readQuestionForm(context.inputs, context.value);
    const scopes = await scopesOf(context.access, questions);
    const target = submitted.scope
      ? scopes.find((s) => scopeValue(s.scope) === scopeValue(submitted.scope!))
      : undefined;
    if (!target) return { kind: "invalid", errors: { [SCOPE_INPUT]: NOT_THEIR_SCOPE } };
    const by = { by: context.personId!, platform: context.actor.address.platform, at: context.now };
    if (submitted.reset) {
      await questions.save({ scope: target.scope, question: null, ...by });
      const above =
        target.scope.kind === "partnership" ? "its programme's question" : "the standard question";
      return textReply(`Saved: check-ins of ${target.label} ask ${above} from the next prompt on.`);
    }
    const checked = await checkQuestionDraft(submitted.draft, freeText);
    if (!checked.ok) {
      // The form again, holding what was typed and why it was refused (Teams shows it anew; Slack keeps its own).
      const fixed = context.inputs[SCOPE_INPUT] === undefined && context.value ? target : null;
      const form = questionForm({ scopes, fixed, current: null });
      return {
        kind: "invalid",
        errors: checked.errors,
        form: formAgain(form, context.inputs, checked.errors),
      };
    }
    await questions.save({ scope: target.scope, question: checked.question, ...by });
    const choices = checked.question.choices
      .map((c) => `“${c.label}” (${answerLabel[c.state].toLowerCase()})`)
      .join(", ");
    const usage = commandUsage(context.actor.door, "question");
    return textReply(
      `Saved: from the next prompt on, check-ins of ${target.label} ask “${checked.question.question}” with ${choices}${checked.question.freeTextQuestion ? `, then “${checked.question.freeTextQuestion}”` : ""}. \`${usage}\` changes it again.`,
    );
  }

  return {
    commands: [
      {
        name: "question",
        aliases: ["questions"],
        access: "coordinator",
        usage: "question [programme | partnership]",
        description:
          "Coordinators: set the check-in question and up to three answers (each counted as on track, needs attention or blocked) for a programme or one partnership.",
        run: open,
      },
    ],
    actions: [
      // Saving the same question again changes nothing: the store keeps one row per change.
      { actionId: CHECKIN_QUESTION_ACTION, access: "coordinator", presses: { kind: "sets" }, run: save },
    ],
  };
}
