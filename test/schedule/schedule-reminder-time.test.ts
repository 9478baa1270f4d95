// Tests for when the single reminder of an unanswered check-in goes out: the first working morning after 24 hours.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { reminderDueAt } from "../../src/core/schedule/reminder-time.ts";
import { wall, ZONES } from "../helpers/zoned-time.ts";

describe("reminderDueAt", () => {
  it("is the first working morning at or after the prompt plus 24 hours", () => {
    const zone = "Europe/London";
    // Tuesday 10:00 + 24 h = Wednesday 10:00, past that morning: Thursday 09:00.
    expect(reminderDueAt(wall("2026-11-24T10:00", zone), zone)).toEqual(wall("2026-11-26T09:00", zone));
    // Monday 09:00 + 24 h = Tuesday 09:00 exactly: that morning.
    expect(reminderDueAt(wall("2026-11-23T09:00", zone), zone)).toEqual(wall("2026-11-24T09:00", zone));
    // Monday 08:00 + 24 h = Tuesday 08:00: Tuesday 09:00.
    expect(reminderDueAt(wall("2026-11-23T08:00", zone), zone)).toEqual(wall("2026-11-24T09:00", zone));
  });

  it("sends a Friday-evening prompt's reminder on Monday morning", () => {
    for (const zone of ZONES) {
      expect(reminderDueAt(wall("2026-11-27T16:30", zone), zone), zone).toEqual(
        wall("2026-11-30T09:00", zone),
      );
      expect(reminderDueAt(wall("2026-11-27T19:00", zone), zone), zone).toEqual(
        wall("2026-11-30T09:00", zone),
      );
    }
  });

  it("keeps 09:00 local across a DST change weekend", () => {
    // New York: Friday 30 Oct 2026 is UTC−4, Monday 2 Nov UTC−5.
    expect(reminderDueAt(wall("2026-10-30T16:00", "America/New_York"), "America/New_York")).toEqual(
      new Date("2026-11-02T14:00:00Z"),
    );
    // London: Friday 23 Oct 2026 is BST, Monday 26 Oct GMT.
    expect(reminderDueAt(wall("2026-10-23T16:00", "Europe/London"), "Europe/London")).toEqual(
      new Date("2026-10-26T09:00:00Z"),
    );
  });

  it("takes the delay and working hours as options, and an unknown zone as UTC", () => {
    const zone = "Asia/Kolkata";
    const sent = wall("2026-11-24T10:00", zone);
    expect(reminderDueAt(sent, zone, { afterHours: 2 })).toEqual(wall("2026-11-25T09:00", zone));
    expect(reminderDueAt(sent, zone, { hours: { startHour: 8, endHour: 16 } })).toEqual(
      wall("2026-11-26T08:00", zone),
    );
    expect(reminderDueAt(new Date("2026-11-24T10:00:00Z"), "Atlantis/Capital")).toEqual(
      new Date("2026-11-26T09:00:00Z"),
    );
    expect(() => reminderDueAt(sent, zone, { afterHours: -1 })).toThrow(RangeError);
  });

  it("never lands at night: a month of prompt instants in several zones", () => {
    const from = new Date("2026-10-15T00:00:00Z").getTime();
    const to = new Date("2026-11-15T00:00:00Z").getTime();
    const bad: string[] = [];
    for (const zone of ZONES) {
      for (let t = from; t < to; t += 41 * 60_000) {
        const reminder = reminderDueAt(new Date(t), zone);
        const r = DateTime.fromJSDate(reminder, { zone });
        const wait = reminder.getTime() - t - 24 * 3_600_000;
        if (r.weekday > 5 || r.hour !== 9 || r.minute !== 0 || wait < 0 || wait >= 4 * 24 * 3_600_000) {
          bad.push(`${zone} ${new Date(t).toISOString()} → ${r.toISO()}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
