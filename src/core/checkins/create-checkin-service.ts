// Check-ins as the scheduled jobs run them: plan due periods, send due prompts (late once, else skip), remind once.
// Nothing reaches a member on a closed day of their calendar (public holiday, day away, outside the answer window):
// a prompt due then moves to the next open day of its period, a reminder waits for one.

import type { StatusAwayRefresh } from "../away/status-away.ts";
import {
  calendarOf,
  isOpenDay,
  isOpenTime,
  nextOpenTime,
  openMorningAtOrAfter,
} from "../calendar/person-calendar.ts";
import { classifyMissed, DEFAULT_LATE_WINDOW_HOURS } from "../schedule/catch-up.ts";
import { DEFAULT_REMINDER_AFTER_HOURS } from "../schedule/reminder-time.ts";
import { safeZone, toLocal, type WorkingHours } from "../schedule/working-time.ts";
import { promptOutgoing } from "./checkin-messages.ts";
import type {
  CheckinStore,
  DuePrompt,
  PromptDecision,
  PromptRunCounts,
  ReminderCandidate,
  ReminderDecision,
} from "./checkin-port.ts";
import { planCheckins } from "./plan-checkins.ts";

export interface CheckinServiceOptions {
  store: CheckinStore;
  /** Hours after a prompt before its one reminder is considered (then sent on the next working morning). */
  reminderAfterHours?: number;
  /** A prompt missed by less than this (after downtime) is sent late, once; an older one is skipped. */
  lateWindowHours?: number;
  hours?: WorkingHours;
  /** Reads the chat status (e.g. "Out of office") of those about to be prompted or reminded, as days away. */
  statusAway?: StatusAwayRefresh;
}

export interface CheckinService {
  /** The `checkins` job: plans the periods that have come and sends every prompt that is due. */
  run(now: Date): Promise<PromptRunCounts & { planned: number }>;
  /** The `reminders` job. */
  remind(now: Date): Promise<{ reminded: number; waiting: number }>;
}

export function createCheckinService(options: CheckinServiceOptions): CheckinService {
  const { store, hours, statusAway } = options;
  const reminderAfterHours = options.reminderAfterHours ?? DEFAULT_REMINDER_AFTER_HOURS;
  const lateWindowHours = options.lateWindowHours ?? DEFAULT_LATE_WINDOW_HOURS;

  const windowOf = (row: DuePrompt | ReminderCandidate) => (hours ? { ...row.window, ...hours } : row.window);

  function decidePrompt(prompt: DuePrompt, now: Date): PromptDecision {
    if (prompt.partnershipStatus !== "active" || !prompt.available) return { kind: "skip" };
    if (now.getTime() >= prompt.periodEnd.getTime()) return { kind: "skip" };
    const decision = classifyMissed(prompt.dueAt, now, { lateWindowHours });
    if (decision === "skip") return { kind: "skip" };
    if (decision === "not-yet") return { kind: "wait" };
    const zone = safeZone(prompt.zone);
    const calendar = calendarOf(prompt);
    const window = windowOf(prompt);
    // Away or a public holiday since the prompt was planned: it moves to the next open day of the period.
    if (!isOpenDay(toLocal(now, zone).toISODate()!, calendar, window)) {
      const next = nextOpenTime(now, calendar, window, prompt.periodEnd);
      return next ? { kind: "move", dueAt: next } : { kind: "skip" };
    }
    // A late prompt still arrives inside the member's working time; if the window passes first, it is skipped.
    if (!isOpenTime(now, calendar, window)) return { kind: "wait" };
    const late = decision === "send-late";
    return {
      kind: "send",
      late,
      message: promptOutgoing({ ...prompt, zone, late }),
    };
  }

  function decideReminder(candidate: ReminderCandidate, now: Date): ReminderDecision {
    const zone = safeZone(candidate.zone);
    const calendar = calendarOf(candidate);
    const window = windowOf(candidate);
    // The first open morning after the delay; none before the period ends: no reminder.
    const earliest = new Date(candidate.sentAt.getTime() + reminderAfterHours * 3_600_000);
    const due = openMorningAtOrAfter(earliest, calendar, window, candidate.periodEnd);
    if (!due || now.getTime() < due.getTime() || now.getTime() >= candidate.periodEnd.getTime())
      return { kind: "wait" };
    if (!isOpenTime(now, calendar, window)) return { kind: "wait" };
    return { kind: "remind", message: promptOutgoing({ ...candidate, zone, reminder: true }) };
  }

  return {
    async run(now) {
      let planned = 0;
      for await (const page of store.partnershipsToPlan(now)) {
        const plans = planCheckins(page, now, hours);
        if (plans.length > 0) planned += await store.savePlans(plans);
      }
      await statusAway?.refresh(now);
      const counts = await store.sendDuePrompts(now, (prompt) => decidePrompt(prompt, now));
      return { planned, ...counts };
    },
    async remind(now) {
      const sentBefore = new Date(now.getTime() - reminderAfterHours * 3_600_000);
      await statusAway?.refresh(now, sentBefore);
      return store.sendDueReminders(now, sentBefore, (candidate) => decideReminder(candidate, now));
    },
  };
}
