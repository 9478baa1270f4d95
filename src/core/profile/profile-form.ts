// The profile form (a Slack modal, a Teams card) and the reading of what was submitted, with one message per bad field.
import { checkCountry, countryForZone } from "../calendar/public-holidays.ts";
import type { FreeTextGuard } from "../free-text.ts";
import type { Block, Form } from "../message.ts";
import { normaliseOrcid } from "../orcid.ts";
import { isTimeZone } from "../people-csv.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import { joinList, LIST_ITEM_MAX, LIST_ITEMS_MAX, splitList } from "./list-text.ts";
import type { Profile, ProfileFields } from "./profile-port.ts";

export const PROFILE_SAVE_ACTION = "profile.save";
export const PROFILE_OPEN_ACTION = "profile.open";

const NAME_MAX = TEXT_LIMITS.profileName;
const LINE_MAX = TEXT_LIMITS.profileLine;
const LIST_TEXT_MAX = 1500;

const listFields = [
  ["expertise", "Expertise", "e.g. breast cancer; radiotherapy; survival analysis"],
  ["methods", "Methods", "e.g. randomised trials; qualitative interviews; R"],
  ["offers", "What you can offer", "e.g. cohort access; statistical advice; patient recruitment"],
  ["needs", "What you are looking for", "e.g. a health economist; imaging data"],
] as const;

/** The career stages the form offers, as the people CSV and the demo write them (the matcher reads "early"). */
export const CAREER_STAGES = [
  { label: "Early career (student, trainee, postdoc)", value: "early" },
  { label: "Mid-career", value: "mid-career" },
  { label: "Senior", value: "senior" },
] as const;

/** The career-stage choice; a stage imported in other words is offered as it is, so saving keeps it. */
function careerStageChoice(stage: string | null): Block {
  const known = CAREER_STAGES.some((option) => option.value === stage);
  return {
    type: "choice",
    id: "career-stage",
    label: "Career stage",
    options: [...CAREER_STAGES, ...(stage && !known ? [{ label: stage, value: stage }] : [])],
    ...(stage ? { initial: stage } : {}),
    optional: true,
  };
}

/** What the form starts with: the person's profile, or what the platform told us about a newcomer. */
export interface ProfileFormStart {
  profile: Profile | null;
  displayName?: string;
  platformTimezone?: string | null;
}

export function profileForm(start: ProfileFormStart): Form {
  const p = start.profile;
  const blocks: Block[] = [
    {
      type: "text",
      text: p
        ? "Keep this up to date: suggestions are only as good as what people say about themselves."
        : "Tell colleagues what you know, what you can offer and what you are looking for. Separate items with commas or semicolons.",
    },
    {
      type: "text-input",
      id: "name",
      label: "Name",
      initial: p?.name ?? start.displayName ?? "",
      maxLength: NAME_MAX,
    },
    {
      type: "text-input",
      id: "institution",
      label: "Institution",
      placeholder: "e.g. Northfield University",
      initial: p?.institution ?? "",
      maxLength: LINE_MAX,
    },
    {
      type: "text-input",
      id: "department",
      label: "Department",
      initial: p?.department ?? "",
      maxLength: LINE_MAX,
      optional: true,
    },
    {
      type: "text-input",
      id: "role",
      label: "Role",
      placeholder: "e.g. Consultant oncologist, Medical statistician, PhD student",
      initial: p?.role ?? "",
      maxLength: LINE_MAX,
      optional: true,
    },
    careerStageChoice(p?.careerStage ?? null),
    ...listFields.map(
      ([id, label, placeholder]): Block => ({
        type: "text-input",
        id,
        label,
        placeholder,
        initial: joinList(p?.[id] ?? []),
        multiline: true,
        maxLength: LIST_TEXT_MAX,
        optional: true,
      }),
    ),
    {
      type: "text-input",
      id: "timezone",
      label: "Time zone",
      placeholder: "e.g. Europe/London",
      format: "timezone",
      initial: p?.timezone ?? start.platformTimezone ?? "",
      maxLength: 64,
      optional: true,
    },
    {
      type: "text-input",
      id: "country",
      label: "Country (public holidays)",
      placeholder: "e.g. GB, DE, US, AU, IN; empty: from your time zone",
      initial: p?.country ?? "",
      maxLength: 2,
      optional: true,
    },
    {
      type: "text-input",
      id: "region",
      label: "Region (public holidays)",
      placeholder: "e.g. SCT for Scotland, BY for Bavaria, VIC for Victoria",
      initial: p?.region ?? "",
      maxLength: 8,
      optional: true,
    },
    {
      type: "text-input",
      id: "orcid",
      label: "ORCID iD",
      placeholder: "e.g. 0000-0002-1825-0097: your publications then say what you work on",
      initial: p?.orcid ?? "",
      maxLength: 64,
      optional: true,
    },
    {
      type: "choice",
      id: "publications",
      label: "Use my publications",
      options: [
        { label: "Yes: my papers' topics help people find me", value: "yes" },
        { label: "No: leave my papers out", value: "no" },
      ],
      initial: p?.publicationsOff ? "no" : "yes",
    },
    {
      type: "choice",
      id: "mentoring",
      label: "Open to mentoring",
      options: [
        { label: "Yes, I am open to mentoring", value: "yes" },
        { label: "Not at the moment", value: "no" },
      ],
      initial: p?.openToMentoring ? "yes" : "no",
    },
  ];
  return {
    title: p ? "Edit your profile" : "Create your profile",
    submitActionId: PROFILE_SAVE_ACTION,
    submitLabel: "Save",
    blocks,
  };
}

export type ProfileSubmission =
  | { ok: true; fields: ProfileFields }
  | { ok: false; errors: Record<string, string> };

function text(inputs: Record<string, string | string[]>, id: string): string {
  const value = inputs[id];
  return (Array.isArray(value) ? value.join(", ") : (value ?? "")).replace(/\s+/g, " ").trim();
}

function rawText(inputs: Record<string, string | string[]>, id: string): string {
  const value = inputs[id];
  return Array.isArray(value) ? value.join("; ") : (value ?? "");
}

/** Reads and checks a submitted profile form; every problem is reported beside its field. */
export async function readProfileForm(
  inputs: Record<string, string | string[]>,
  fallbackTimezone: string | null,
  guard: FreeTextGuard,
): Promise<ProfileSubmission> {
  const errors: Record<string, string> = {};
  const line = (id: string, label: string, max: number, required: boolean): string | null => {
    const value = text(inputs, id);
    if (value === "") {
      if (required) errors[id] = `Please fill in your ${label.toLowerCase()}.`;
      return null;
    }
    if (value.length > max) errors[id] = `Please keep this under ${max} characters.`;
    return value;
  };
  const name = line("name", "Name", NAME_MAX, true);
  const institution = line("institution", "Institution", LINE_MAX, true);
  const department = line("department", "Department", LINE_MAX, false);
  const role = line("role", "Role", LINE_MAX, false);
  const careerStage = text(inputs, "career-stage");
  if (careerStage.length > LINE_MAX)
    errors["career-stage"] = `Please keep this under ${LINE_MAX} characters.`;

  const lists: Record<string, string[]> = {};
  for (const [id] of listFields) {
    const items = splitList(rawText(inputs, id));
    if (items.some((item) => item.length > LIST_ITEM_MAX)) {
      errors[id] =
        `Please keep each item under ${LIST_ITEM_MAX} characters, separated by commas or semicolons.`;
    } else if (items.length > LIST_ITEMS_MAX) {
      errors[id] = `Please list at most ${LIST_ITEMS_MAX} items: the ones that matter most.`;
    }
    lists[id] = items;
  }

  const zone = text(inputs, "timezone");
  if (zone !== "" && !isTimeZone(zone)) {
    errors.timezone = "That is not a time zone I know: use a name like Europe/London or America/New_York.";
  }
  const timezone = zone !== "" ? zone : fallbackTimezone;

  // No check-in lands on a public holiday: the country (and region) say whose; none typed: the zone's, if only one.
  const countryText = text(inputs, "country");
  const regionText = text(inputs, "region");
  let country: string | null = null;
  let region: string | null = null;
  if (countryText !== "" || regionText !== "") {
    const zoneCountry = timezone && isTimeZone(timezone) ? countryForZone(timezone) : null;
    const checked = checkCountry(countryText || zoneCountry || "", regionText);
    if (checked.ok) ({ country, region } = checked);
    else if (countryText === "" && !zoneCountry)
      errors.country = "Please say the country of that region, e.g. GB.";
    else
      errors[countryText === "" || checked.reason.includes("country") ? "country" : "region"] =
        checked.reason;
  }

  const orcidText = text(inputs, "orcid");
  const orcid = orcidText === "" ? null : normaliseOrcid(orcidText);
  if (orcidText !== "" && !orcid) {
    errors.orcid =
      "That is not an ORCID iD: it has 16 digits like 0000-0002-1825-0097, the last one a check digit (or X). Please check it on orcid.org.";
  }

  // Free text is checked before anything is stored; the guard's answer names no part of the text.
  const freeText: [string, string][] = [
    ["name", name ?? ""],
    ["institution", institution ?? ""],
    ["department", department ?? ""],
    ["role", role ?? ""],
    ["career-stage", careerStage],
    ...listFields.map(([id]): [string, string] => [id, (lists[id] ?? []).join("\n")]),
  ];
  for (const [id, value] of freeText) {
    if (errors[id] || value === "") continue;
    const verdict = await guard.check(value);
    if (!verdict.ok) errors[id] = verdict.reason;
  }

  if (Object.keys(errors).length > 0 || name === null || institution === null) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      name,
      institution,
      department,
      role,
      careerStage: careerStage === "" ? null : careerStage,
      expertise: lists.expertise ?? [],
      methods: lists.methods ?? [],
      offers: lists.offers ?? [],
      needs: lists.needs ?? [],
      timezone: timezone && isTimeZone(timezone) ? timezone : null,
      country,
      region,
      openToMentoring: text(inputs, "mentoring") === "yes",
      orcid,
      publicationsOff: text(inputs, "publications") === "no",
    },
  };
}
