// The two milestone forms: add one to a partnership (optionally achieved now), or mark an open one achieved.
import { parseIsoDate } from "../local-date.ts";
import type { Form } from "../message.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import { isMilestoneKind, MILESTONE_KINDS, type MilestoneKind } from "./milestone-kinds.ts";
import type { OpenMilestone, PartnershipChoice } from "./milestone-port.ts";

export const MILESTONE_ADD_ACTION = "milestone.add";
export const MILESTONE_ACHIEVE_ACTION = "milestone.achieve";
const TITLE_MAX = TEXT_LIMITS.milestoneTitle;

/** `formKey`, the form's own key: a submission sent twice (a double click, a retry) adds one milestone. */
export function addMilestoneForm(partnerships: readonly PartnershipChoice[], formKey: string): Form {
  return {
    title: "Add a milestone",
    submitActionId: MILESTONE_ADD_ACTION,
    value: formKey,
    submitLabel: "Save",
    blocks: [
      {
        type: "choice",
        id: "partnership",
        label: "Partnership",
        options: partnerships.map((p) => ({ label: p.title, value: p.id })),
        ...(partnerships.length === 1 ? { initial: partnerships[0]!.id } : {}),
      },
      {
        type: "text-input",
        id: "title",
        label: "Milestone",
        placeholder: "e.g. Ethics approval for the cohort study",
        maxLength: TITLE_MAX,
      },
      {
        type: "choice",
        id: "kind",
        label: "Kind",
        options: MILESTONE_KINDS.map((k) => ({ label: k.label, value: k.value })),
        initial: "other",
      },
      {
        type: "text-input",
        id: "due",
        label: "Due date (YYYY-MM-DD), if any",
        placeholder: "2027-03-31",
        format: "date",
        optional: true,
        maxLength: 10,
      },
      {
        type: "choice",
        id: "achieved",
        label: "Achieved now?",
        options: [
          { label: "Not yet", value: "no" },
          { label: "Yes, achieved now", value: "yes" },
        ],
        initial: "no",
      },
    ],
  };
}

export function achieveMilestoneForm(open: readonly OpenMilestone[]): Form {
  return {
    title: "Milestone achieved",
    submitActionId: MILESTONE_ACHIEVE_ACTION,
    submitLabel: "Celebrate",
    blocks: [
      {
        type: "choice",
        id: "milestone",
        label: "Which milestone was achieved?",
        options: open.map((m) => ({ label: `${m.partnershipTitle}: ${m.title}`, value: m.id })),
      },
    ],
  };
}

const one = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();

export type AddSubmission =
  | {
      ok: true;
      partnershipId: string;
      title: string;
      kind: MilestoneKind;
      dueOn: string | null;
      achieved: boolean;
    }
  | { ok: false; errors: Record<string, string> };

export function readAddForm(inputs: Record<string, string | string[]>): AddSubmission {
  const errors: Record<string, string> = {};
  const partnershipId = one(inputs.partnership);
  const title = one(inputs.title).replace(/\s+/g, " ");
  const kind = one(inputs.kind) || "other";
  const dueText = one(inputs.due);
  const dueOn = dueText === "" ? null : parseIsoDate(dueText);
  if (!partnershipId) errors.partnership = "Choose the partnership.";
  if (!title) errors.title = "Name the milestone, e.g. “Ethics approval”.";
  else if (title.length > TITLE_MAX) errors.title = `Keep it under ${TITLE_MAX} characters.`;
  if (!isMilestoneKind(kind)) errors.kind = "Choose one of the kinds.";
  if (dueText !== "" && !dueOn) errors.due = "Write the date as YYYY-MM-DD, e.g. 2027-03-31.";
  if (Object.keys(errors).length > 0 || !isMilestoneKind(kind)) return { ok: false, errors };
  return { ok: true, partnershipId, title, kind, dueOn, achieved: one(inputs.achieved) === "yes" };
}

/** The milestone a "Milestone achieved" submission names: it is achieved once. */
export function achievePrompt(inputs: Record<string, string | string[]>): string | null {
  const id = readAchieveForm(inputs);
  return id ? `milestone.achieved:${id.toLowerCase()}` : null;
}

export function readAchieveForm(inputs: Record<string, string | string[]>): string | null {
  return one(inputs.milestone) || null;
}
