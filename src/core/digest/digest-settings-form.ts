// The `/collab digest settings` form: which programme, which weekday, which local hour.
import type { Form } from "../message.ts";
import type { CoordinatedProgramme } from "./digest-port.ts";
import { hourLabel, WEEKDAY_NAMES } from "./digest-schedule.ts";

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
        options: WEEKDAY_NAMES.slice(0, 5).map((name, i) => ({ label: name, value: String(i + 1) })),
        initial: String(first.weekday),
      },
      {
        type: "choice",
        id: "hour",
        label: `Hour (your time: ${first.timezone})`,
        options: Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => ({
          label: hourLabel(FIRST_HOUR + i),
          value: String(FIRST_HOUR + i),
        })),
        initial: String(first.hour),
      },
    ],
    ...(programmes.length === 1 ? { value: first.id } : {}),
  };
}

/** A digest is work: it comes on a working day, between these local hours (an early or late start allowed). */
const FIRST_HOUR = 7;
const LAST_HOUR = 19;

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
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 5) {
    errors.weekday = "Digests come on working days: choose Monday to Friday.";
  }
  if (!Number.isInteger(hour) || hour < FIRST_HOUR || hour > LAST_HOUR) {
    errors.hour = `Choose an hour of the working day, ${hourLabel(FIRST_HOUR)} to ${hourLabel(LAST_HOUR)}.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, programmeId, weekday, hour };
}
