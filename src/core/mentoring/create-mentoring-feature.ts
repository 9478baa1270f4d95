// `/collab mentor add …` (coordinators), `/collab mentor log` (either side) and the buttons of the follow-up prompt.
import type { ActionContext, CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import { formatInstant, parseIsoDate, todayIn } from "../local-date.ts";
import { formAgain, type Message } from "../message.ts";
import { pickProgramme } from "../pick-programme.ts";
import { followUpAt, snoozedUntil } from "./follow-up-time.ts";
import {
  FOLLOW_UP_DONE,
  FOLLOW_UP_SKIP,
  FOLLOW_UP_SNOOZE,
  MENTOR_LOG_ACTION,
  meetingLogForm,
  NEXT_STEP_MAX,
  readFollowUpValue,
} from "./mentoring-messages.ts";
import type { MentoringStore, MentorshipSummary, PersonHandle } from "./mentoring-port.ts";
import { parseMentorAdd } from "./parse-mentor-add.ts";

export interface MentoringFeatureDeps {
  mentoring: MentoringStore;
  /** The patient-data guard, knowing members' email addresses. */
  freeText: FreeTextGuard;
}

const DAY_MS = 86_400_000;
const ONLY_THE_MENTOR = "Only the mentor can answer this prompt.";
const noProfile = textReply(
  "I don't know you yet: ask your programme coordinator to add you, or create a profile first.",
);
const one = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
const updated = (text: string): Reply => ({
  kind: "update",
  message: { summary: text, blocks: [{ type: "text", text }] } satisfies Message,
});

export function createMentoringFeature(deps: MentoringFeatureDeps): CoreFeature {
  const { mentoring } = deps;
  const freeText = deps.freeText;

  function describe(handle: PersonHandle): string {
    return handle.kind === "email" ? handle.email : "the person you mentioned";
  }

  async function add(context: CommandContext, rest: string): Promise<Reply> {
    const { door, address } = context.actor;
    const usage = commandUsage(door, "mentor add");
    const programmes = await context.access.coordinatedProgrammes();
    if (programmes.length === 0) {
      return textReply("Sorry, only a programme coordinator can pair a mentor with a mentee.");
    }
    const parsed = parseMentorAdd(rest, door, address);
    if (!parsed.ok) {
      const example =
        door.mentions === "user-ids"
          ? `${usage} @mentor @mentee`
          : `${usage} mentor@uni.org mentee@hospital.org`;
      return textReply(
        `Name the mentor, then the mentee (mentions or email addresses): \`${example} [programme]\`.`,
      );
    }
    const picked = pickProgramme(programmes, parsed.programme);
    if (!picked.ok) {
      const names = picked.names.map((n) => `“${n}”`).join(", ");
      return textReply(
        picked.reason === "unknown"
          ? `You don't coordinate a programme by that name; yours: ${names}.`
          : `You coordinate several programmes; add its name at the end: ${names}.`,
      );
    }
    const [mentor, mentee] = await Promise.all([
      mentoring.findPerson(parsed.mentor),
      mentoring.findPerson(parsed.mentee),
    ]);
    for (const [found, handle] of [
      [mentor, parsed.mentor],
      [mentee, parsed.mentee],
    ] as const) {
      if (!found) {
        return textReply(
          `I don't know ${describe(handle)} yet: import them with the people CSV or ask them to create a profile.`,
        );
      }
    }
    if (mentor!.id === mentee!.id) return textReply("A mentor and a mentee are two different people.");
    const result = await mentoring.addMentorship(
      { mentorId: mentor!.id, menteeId: mentee!.id, programmeId: picked.programme.id },
      { personId: context.personId!, platform: address.platform },
    );
    return textReply(
      result === "exists"
        ? `${mentor!.name} already mentors ${mentee!.name}.`
        : `${mentor!.name} now mentors ${mentee!.name} in ${picked.programme.name}. Either of them can log meetings with \`${commandUsage(door, "mentor log")}\`.`,
    );
  }

  async function log(context: CommandContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    const mine = await mentoring.mentorshipsOf(context.personId);
    if (mine.length === 0)
      return textReply("You are not in a mentorship yet; your programme coordinator can add one.");
    return {
      kind: "form",
      form: meetingLogForm(
        mine,
        context.personId,
        todayIn(context.now, context.actor.timezone),
        globalThis.crypto.randomUUID(),
      ),
    };
  }

  async function recordMeeting(
    m: MentorshipSummary,
    loggedBy: string,
    metOn: string,
    nextStep: string | null,
    now: Date,
  ): Promise<Date> {
    const nextFollowUpAt = followUpAt(metOn, m.followUpDays, m.mentorTimezone, now);
    await mentoring.logMeeting({ mentorshipId: m.id, loggedBy, metOn, nextStep, nextFollowUpAt });
    return nextFollowUpAt;
  }

  async function submitLog(context: ActionContext): Promise<Reply> {
    if (!context.personId) return noProfile;
    const errors: Record<string, string> = {};
    const m = await mentoring.mentorship(one(context.inputs.mentorship));
    const mine = m && (m.mentor.id === context.personId || m.mentee.id === context.personId);
    if (!m || !mine) errors.mentorship = "Choose one of your mentorships.";
    const metOn = parseIsoDate(one(context.inputs.met_on));
    const latest = todayIn(new Date(context.now.getTime() + DAY_MS), "UTC");
    if (!metOn) errors.met_on = "Write the date as YYYY-MM-DD.";
    else if (metOn > latest) errors.met_on = "That date is in the future.";
    const nextStep = one(context.inputs.next_step).replace(/\s+/g, " ");
    if (nextStep.length > NEXT_STEP_MAX) errors.next_step = `Keep it under ${NEXT_STEP_MAX} characters.`;
    if (nextStep) {
      const verdict = await freeText.check(nextStep);
      if (!verdict.ok) errors.next_step = verdict.reason;
    }
    if (Object.keys(errors).length > 0 || !m || !metOn) {
      // The form again, holding what was typed and why it was refused (Teams shows it anew; Slack keeps its own).
      const mine = await mentoring.mentorshipsOf(context.personId);
      const today = todayIn(context.now, context.actor.timezone);
      const form = meetingLogForm(mine, context.personId, today, context.value);
      return { kind: "invalid", errors, form: formAgain(form, context.inputs, errors) };
    }
    const next = await recordMeeting(m, context.personId, metOn, nextStep || null, context.now);
    context.record(`meeting of ${metOn} logged`);
    const other = m.mentor.id === context.personId ? m.mentee.name : m.mentor.name;
    const reminder =
      m.mentor.id === context.personId
        ? ` I'll ask you to follow up around ${formatInstant(next, m.mentorTimezone)}.`
        : "";
    return textReply(`Logged your meeting with ${other}.${reminder}`);
  }

  /** The follow-up prompt's buttons: only the mentor may press them. */
  async function followUp(context: ActionContext): Promise<Reply> {
    const m = await mentoring.mentorship(readFollowUpValue(context.value).mentorshipId);
    if (!m) return updated("This mentorship has ended.");
    if (m.mentor.id !== context.personId) return textReply(ONLY_THE_MENTOR);
    if (context.actionId === FOLLOW_UP_DONE) {
      const today = todayIn(context.now, m.mentorTimezone);
      const next = await recordMeeting(m, m.mentor.id, today, null, context.now);
      context.record(`you met on ${today}`);
      return updated(
        `Logged: you met ${m.mentee.name} today. I'll check in again around ${formatInstant(next, m.mentorTimezone)}.`,
      );
    }
    if (context.actionId === FOLLOW_UP_SNOOZE) {
      const until = snoozedUntil(context.now, m.mentorTimezone);
      await mentoring.setNextFollowUp(m.id, until);
      context.record(`snoozed until ${formatInstant(until, m.mentorTimezone)}`);
      return updated(
        `Snoozed: I'll ask about ${m.mentee.name} again on ${formatInstant(until, m.mentorTimezone)}.`,
      );
    }
    if (context.actionId !== FOLLOW_UP_SKIP) return textReply("That button no longer works.");
    await mentoring.setNextFollowUp(m.id, null);
    context.record("no follow-up needed for now");
    return updated(`OK, no follow-up prompt for ${m.mentee.name} until you log your next meeting.`);
  }

  return {
    commands: [
      {
        name: "mentor",
        access: "member",
        usage: "mentor log",
        description:
          "Log a meeting with your mentor or mentee. Coordinators: `mentor add <mentor> <mentee> [programme]`.",
        async run(context) {
          const [sub = "", ...rest] = context.args.trim().split(" ");
          if (sub.toLowerCase() === "add") return add(context, rest.join(" "));
          if (sub.toLowerCase() === "log" || sub === "") return log(context);
          const door = context.actor.door;
          return textReply(
            `Try \`${commandUsage(door, "mentor log")}\` or \`${commandUsage(door, "mentor add")} <mentor> <mentee>\`.`,
          );
        },
      },
    ],
    actions: [
      {
        actionId: MENTOR_LOG_ACTION,
        access: "member",
        // The form carries the key it was opened with: a submission sent twice logs one meeting.
        presses: {
          kind: "once",
          prompt: (press) => (press.value ? `mentor.log:${press.value}` : null),
          submits: true,
        },
        run: submitLog,
      },
      {
        actionId: "mentor.followup:",
        access: "mentor",
        refusal: ONLY_THE_MENTOR,
        // Done, Snooze and Not needed share the prompt's one answer.
        presses: { kind: "once", prompt: (press) => readFollowUpValue(press.value).promptKey },
        run: followUp,
      },
    ],
  };
}
