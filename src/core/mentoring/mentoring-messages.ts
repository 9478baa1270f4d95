// What mentoring shows: the meeting log form, the mentor's follow-up prompt and the nudge after a long silence.
import type { DoorMessage } from "../door-traits.ts";
import type { Form, Message, PersonRef } from "../message.ts";
import { mention } from "../message.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import type { MentorshipSummary } from "./mentoring-port.ts";

export const MENTOR_LOG_ACTION = "mentor.log";
export const FOLLOW_UP_DONE = "mentor.followup:done";
export const FOLLOW_UP_SNOOZE = "mentor.followup:snooze";
export const FOLLOW_UP_SKIP = "mentor.followup:skip";
export const NEXT_STEP_MAX = TEXT_LIMITS.meetingNextStep;

/** How the person sees the mentorship: "Mentoring Sam" or "Mentored by Ada". */
export function mentorshipLabel(m: MentorshipSummary, personId: string): string {
  return m.mentor.id === personId ? `Mentoring ${m.mentee.name}` : `Mentored by ${m.mentor.name}`;
}

export function meetingLogForm(
  mentorships: readonly MentorshipSummary[],
  personId: string,
  today: string,
  /** The form's own key: a submission sent twice (a double click, a retry) logs one meeting. */
  formKey: string,
): Form {
  return {
    title: "Log a mentor meeting",
    submitActionId: MENTOR_LOG_ACTION,
    value: formKey,
    submitLabel: "Log it",
    blocks: [
      {
        type: "choice",
        id: "mentorship",
        label: "Mentorship",
        options: mentorships.map((m) => ({ label: mentorshipLabel(m, personId), value: m.id })),
        ...(mentorships.length === 1 ? { initial: mentorships[0]!.id } : {}),
      },
      {
        type: "text-input",
        id: "met_on",
        label: "Met on (YYYY-MM-DD)",
        initial: today,
        maxLength: 10,
        format: "date",
      },
      {
        type: "text-input",
        id: "next_step",
        label: "Next step (optional, no patient details)",
        placeholder: "e.g. Draft the methods section",
        optional: true,
        multiline: true,
        maxLength: NEXT_STEP_MAX,
      },
    ],
  };
}

/**
 * The follow-up prompt's buttons carry the prompt's identity, `<mentorship>@<due instant in ms>`: one prompt per
 * due instant, so its press counts once (a second press, days later, is told what was recorded).
 */
export function followUpValue(mentorshipId: string, dueAt: Date): string {
  return `${mentorshipId}@${dueAt.getTime()}`;
}

/**
 * The mentorship and the prompt's key. A prompt sent before prompts had keys names the mentorship only: it has no
 * key (null), and its presses run as they did then.
 */
export function readFollowUpValue(value: string): { mentorshipId: string; promptKey: string | null } {
  const [mentorshipId = "", due = ""] = value.split("@");
  const at = Number(due);
  const promptKey =
    due && Number.isFinite(at) ? `mentor.followup:${mentorshipId}:${new Date(at).toISOString()}` : null;
  return { mentorshipId, promptKey };
}

export function followUpPrompt(mentee: PersonRef, mentorshipId: string, dueAt: Date): Message {
  const value = followUpValue(mentorshipId, dueAt);
  return {
    summary: `Time to follow up with ${mentee.name}?`,
    blocks: [
      { type: "text", text: ["Time to follow up with ", mention(mentee), "?"] },
      {
        type: "actions",
        buttons: [
          { label: "Done (we met again)", actionId: FOLLOW_UP_DONE, value, style: "primary" },
          { label: "Snooze a week", actionId: FOLLOW_UP_SNOOZE, value },
          { label: "Not needed now", actionId: FOLLOW_UP_SKIP, value },
        ],
      },
    ],
  };
}

/** Written before the door that reaches the person is known: the door writes the command as it is typed there. */
export function silenceNudge(other: PersonRef, role: "mentor" | "mentee", days: number): DoorMessage {
  const text =
    role === "mentor"
      ? [
          "You and your mentee ",
          mention(other),
          ` haven't logged a meeting for ${days} days. A short catch-up?`,
        ]
      : [
          "You and your mentor ",
          mention(other),
          ` haven't logged a meeting for ${days} days. A short catch-up?`,
        ];
  return {
    summary: `No mentor meeting for ${days} days`,
    blocks: [
      { type: "text", text },
      { type: "context", text: ["When you meet, log it with `", { command: "mentor log" }, "`."] },
    ],
  };
}
