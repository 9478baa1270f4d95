// The kinds of research milestone a partnership records, as stored and as people read them.

export const MILESTONE_KINDS = [
  { value: "ethics_approval", label: "Ethics approval" },
  { value: "first_participant", label: "First participant enrolled" },
  { value: "data_collection_complete", label: "Data collection complete" },
  { value: "paper_submitted", label: "Abstract or paper submitted" },
  { value: "paper_accepted", label: "Paper accepted" },
  { value: "grant_submitted", label: "Grant submitted" },
  { value: "grant_awarded", label: "Grant awarded" },
  { value: "other", label: "Other" },
] as const;

export type MilestoneKind = (typeof MILESTONE_KINDS)[number]["value"];

export function isMilestoneKind(value: string): value is MilestoneKind {
  return MILESTONE_KINDS.some((kind) => kind.value === value);
}

export function milestoneKindLabel(kind: string): string {
  return MILESTONE_KINDS.find((k) => k.value === kind)?.label ?? "Milestone";
}
