// The `/collab digest settings` form: which programme, which weekday, which local hour.
import type { Form } from "../message.ts";
import { hourLabel, WEEKDAY_NAMES } from "./digest-schedule.ts";
import type { CoordinatedProgramme } from "./digest-store.ts";

export const DIGEST_SETTINGS_ACTION = "digest.settings";

export function digestSettingsForm(programmes: readonly CoordinatedProgramme[]): Form {
  const first = programmes[0]!;
  return {
    title: "Digest settings",
    submitActionId: DIGEST_SETTINGS_ACTION,
    submitLabel: "Save",
    blocks: [
      ...(programmes.length > 1
        ? [
            {
              type: "choice" as const,
              id: "programme",
              label: "Programme",
              options: programmes.map((p) => ({ label: p.name, value: p.id })),
            },
          ]
        : []),
      {
        type: "choice",
        id: "weekday",
        label: "Day",
        options: WEEKDAY_NAMES.map((name, i) => ({ label: name, value: String(i + 1) })),
        initial: String(first.weekday),
      },
      {
        type: "choice",
        id: "hour",
        label: `Hour (your time: ${first.timezone})`,
        options: Array.from({ length: 24 }, (_, h) => ({ label: hourLabel(h), value: String(h) })),
        initial: String(first.hour),
      },
    ],
    ...(programmes.length === 1 ? { value: first.id } : {}),
  };
}

const one = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();

export type SettingsSubmission =
  | { ok: true; programmeId: string; weekday: number; hour: number }
  | { ok: false; errors: Record<string, string> };

export function readSettingsForm(
  inputs: Record<string, string | string[]>,
  value: string,
): SettingsSubmission {
  const programmeId = one(inputs.programme) || value.trim();
  const weekday = Number(one(inputs.weekday));
  const hour = Number(one(inputs.hour));
  const errors: Record<string, string> = {};
  if (!programmeId) errors.programme = "Choose the programme.";
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors.weekday = "Choose a day.";
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) errors.hour = "Choose an hour.";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, programmeId, weekday, hour };
}
