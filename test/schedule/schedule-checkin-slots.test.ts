// Tests for check-in periods and each member's due instant: keys, anchoring, DST weeks, year boundaries, working time.
import { describe, expect, it } from "vitest";
import { classifyMissed } from "../../src/core/schedule/catch-up.ts";
import {
  type CheckinSchedule,
  type CheckinSlot,
  currentSlot,
  dueForMember,
  slotFor,
} from "../../src/core/schedule/checkin-slots.ts";
import type { Cadence } from "../../src/core/schedule/periods.ts";
import { at, local, wall, ZONES } from "../helpers/zoned-time.ts";

const weekly: CheckinSchedule = { cadence: "weekly", startedAt: at("2026-01-01T00:00:00Z") };

/** The slots of `count` consecutive periods starting with the one containing `from`. */
function consecutive(p: CheckinSchedule, from: Date, count: number, zone = "UTC"): CheckinSlot[] {
  const slots = [currentSlot(p, from, zone)];
  while (slots.length < count) slots.push(currentSlot(p, slots.at(-1)!.periodEnd, zone));
  return slots;
}

describe("weekly slots", () => {
  it("default to Tuesday 10:00 local in the ISO week of the key", () => {
    const slot = slotFor(weekly, "2026-W48", "Europe/London");
    expect(slot).toEqual({
      periodKey: "2026-W48",
      periodStart: at("2026-11-23T00:00:00Z"),
      periodEnd: at("2026-11-30T00:00:00Z"),
      localDue: at("2026-11-24T10:00:00Z"),
    });
  });

  it("share one period per partnership while each member is due at their own 10:00", () => {
    const slots = ZONES.map((zone) => slotFor(weekly, "2026-W48", zone));
    for (const [i, zone] of ZONES.entries()) {
      const slot = slots[i]!;
      expect([slot.periodKey, slot.periodStart, slot.periodEnd]).toEqual([
        "2026-W48",
        at("2026-11-23T00:00:00Z"),
        at("2026-11-30T00:00:00Z"),
      ]);
      const due = local(slot.localDue, zone);
      expect([due.toISODate(), due.hour, due.minute], zone).toEqual(["2026-11-24", 10, 0]);
    }
    expect(slots.map((s) => s.localDue.toISOString())).toEqual([
      "2026-11-24T10:00:00.000Z",
      "2026-11-24T15:00:00.000Z",
      "2026-11-24T04:30:00.000Z",
      "2026-11-23T21:00:00.000Z",
      "2026-11-24T18:00:00.000Z",
    ]);
  });

  it("keep 10:00 local through the DST change weeks", () => {
    // London leaves BST on Sunday 25 October 2026; New York leaves EDT on Sunday 1 November 2026.
    expect(slotFor(weekly, "2026-W43", "Europe/London").localDue).toEqual(at("2026-10-20T09:00:00Z"));
    expect(slotFor(weekly, "2026-W44", "Europe/London").localDue).toEqual(at("2026-10-27T10:00:00Z"));
    expect(slotFor(weekly, "2026-W44", "America/New_York").localDue).toEqual(at("2026-10-27T14:00:00Z"));
    expect(slotFor(weekly, "2026-W45", "America/New_York").localDue).toEqual(at("2026-11-03T15:00:00Z"));
    // A Monday-morning partnership right after the change: Monday 26 Oct 09:00 GMT.
    const monday = { ...weekly, weekday: 1, localHour: 9 };
    expect(slotFor(monday, "2026-W44", "Europe/London").localDue).toEqual(at("2026-10-26T09:00:00Z"));
  });

  it("move a weekend or out-of-hours preference into working time inside the same week", () => {
    const saturday = slotFor({ ...weekly, weekday: 6 }, "2026-W48", "Asia/Kolkata");
    expect(local(saturday.localDue, "Asia/Kolkata").toISO()).toBe("2026-11-27T10:00:00.000+05:30");
    const sundayNight = slotFor({ ...weekly, weekday: 7, localHour: 22 }, "2026-W48", "America/Los_Angeles");
    expect(local(sundayNight.localDue, "America/Los_Angeles").toISO()).toBe("2026-11-27T16:00:00.000-08:00");
    const early = slotFor({ ...weekly, localHour: 6 }, "2026-W48", "Pacific/Auckland");
    expect(local(early.localDue, "Pacific/Auckland").toISO()).toBe("2026-11-24T09:00:00.000+13:00");
  });

  it("clamp a due time that falls in a DST gap on a working day", () => {
    // Cairo springs forward at 00:00 on Friday 24 April 2026; with working hours from midnight the slot moves to 01:00.
    const p = { ...weekly, weekday: 5, localHour: 0 };
    const slot = slotFor(p, "2026-W17", "Africa/Cairo", { startHour: 0, endHour: 17 });
    expect(local(slot.localDue, "Africa/Cairo").toISO()).toBe("2026-04-24T01:00:00.000+03:00");
  });

  it("have stable, unique, contiguous keys that round-trip through slotFor", () => {
    const slots = consecutive(weekly, at("2025-06-01T00:00:00Z"), 160, "Pacific/Auckland");
    expect(new Set(slots.map((s) => s.periodKey)).size).toBe(slots.length);
    for (const [i, slot] of slots.entries()) {
      expect(slot.periodKey).toMatch(/^\d{4}-W\d{2}$/);
      if (i > 0) expect(slot.periodStart).toEqual(slots[i - 1]!.periodEnd);
      expect(slotFor(weekly, slot.periodKey, "Pacific/Auckland")).toEqual(slot);
      const middle = new Date((slot.periodStart.getTime() + slot.periodEnd.getTime()) / 2);
      const last = new Date(slot.periodEnd.getTime() - 1);
      expect(currentSlot(weekly, middle, "Pacific/Auckland")).toEqual(slot);
      expect(currentSlot(weekly, last, "Pacific/Auckland")).toEqual(slot);
    }
    expect(slots.map((s) => s.periodKey)).toContain("2026-W53");
    expect(slots.map((s) => s.periodKey)).toContain("2027-W01");
  });

  it("reject keys that are malformed or of another cadence", () => {
    for (const key of ["2026-W54", "2027-W53", "2026-W00", "2026-W1", "F2026-W48", "2026-11", "W48", ""]) {
      expect(() => slotFor(weekly, key, "UTC"), key).toThrow(RangeError);
    }
    expect(() => slotFor({ ...weekly, weekday: 0 }, "2026-W48", "UTC")).toThrow(RangeError);
    expect(() => slotFor({ ...weekly, localHour: 24 }, "2026-W48", "UTC")).toThrow(RangeError);
  });

  it("treat an unknown zone as UTC", () => {
    expect(slotFor(weekly, "2026-W48", "Moon/Tranquility").localDue).toEqual(at("2026-11-24T10:00:00Z"));
  });
});

describe("fortnightly slots", () => {
  const started = { cadence: "fortnightly", startedAt: at("2026-11-25T15:00:00Z") } as const; // a Wednesday, W48

  it("are anchored to the ISO week the partnership started in, across a 53-week year", () => {
    const keys = consecutive(started, started.startedAt, 5).map((s) => s.periodKey);
    expect(keys).toEqual(["F2026-W48", "F2026-W50", "F2026-W52", "F2027-W01", "F2027-W03"]);
    const later = { ...started, startedAt: at("2026-12-01T00:00:00Z") }; // W49
    expect(consecutive(later, later.startedAt, 4).map((s) => s.periodKey)).toEqual([
      "F2026-W49",
      "F2026-W51",
      "F2026-W53",
      "F2027-W02",
    ]);
  });

  it("span two weeks, with the slot in the first one", () => {
    expect(slotFor(started, "F2026-W50", "America/New_York")).toEqual({
      periodKey: "F2026-W50",
      periodStart: at("2026-12-07T00:00:00Z"),
      periodEnd: at("2026-12-21T00:00:00Z"),
      localDue: at("2026-12-08T15:00:00Z"),
    });
    expect(currentSlot(started, at("2026-12-20T23:59:59Z"), "UTC").periodKey).toBe("F2026-W50");
    expect(currentSlot(started, at("2026-12-21T00:00:00Z"), "UTC").periodKey).toBe("F2026-W52");
    expect(currentSlot(started, at("2026-11-20T00:00:00Z"), "UTC").periodKey).toBe("F2026-W46");
  });

  it("reject a fortnight key not aligned to the start week", () => {
    expect(() => slotFor(started, "F2026-W49", "UTC")).toThrow(RangeError);
    expect(() => slotFor(started, "2026-W48", "UTC")).toThrow(RangeError);
  });

  it("have unique, contiguous keys", () => {
    const slots = consecutive(started, at("2025-01-01T00:00:00Z"), 80);
    expect(new Set(slots.map((s) => s.periodKey)).size).toBe(80);
    for (const [i, slot] of slots.entries()) {
      expect(slot.periodEnd.getTime() - slot.periodStart.getTime()).toBe(14 * 24 * 3_600_000);
      if (i > 0) expect(slot.periodStart).toEqual(slots[i - 1]!.periodEnd);
      expect(slotFor(started, slot.periodKey, "UTC")).toEqual(slot);
    }
  });
});

describe("monthly slots", () => {
  const monthly = { cadence: "monthly", startedAt: at("2026-01-01T00:00:00Z") } as const;

  it("fall on the first Tuesday of the UTC month", () => {
    expect(slotFor(monthly, "2026-11", "Europe/London")).toEqual({
      periodKey: "2026-11",
      periodStart: at("2026-11-01T00:00:00Z"),
      periodEnd: at("2026-12-01T00:00:00Z"),
      localDue: at("2026-11-03T10:00:00Z"),
    });
    expect(slotFor(monthly, "2026-12", "Europe/London").localDue).toEqual(at("2026-12-01T10:00:00Z"));
    for (const slot of consecutive(monthly, monthly.startedAt, 36, "Asia/Kolkata")) {
      const due = local(slot.localDue, "Asia/Kolkata");
      expect([due.weekday, due.day <= 7, due.hour, due.toFormat("yyyy-MM")]).toEqual([
        2,
        true,
        10,
        slot.periodKey,
      ]);
    }
  });

  it("have unique, contiguous keys and reject others", () => {
    const slots = consecutive(monthly, at("2025-01-15T00:00:00Z"), 30);
    expect(slots.slice(10, 14).map((s) => s.periodKey)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(new Set(slots.map((s) => s.periodKey)).size).toBe(30);
    for (const [i, slot] of slots.entries())
      if (i > 0) expect(slot.periodStart).toEqual(slots[i - 1]!.periodEnd);
    for (const key of ["2026-13", "2026-00", "2026-1", "2026-W48"]) {
      expect(() => slotFor(monthly, key, "UTC"), key).toThrow(RangeError);
    }
  });

  it("move a Sunday preference to the first Friday", () => {
    const slot = slotFor({ ...monthly, weekday: 7 }, "2026-11", "UTC");
    expect(slot.localDue).toEqual(at("2026-11-06T10:00:00Z"));
  });
});

describe("due instants are always inside the member's working time", () => {
  const cadences: Cadence[] = ["weekly", "fortnightly", "monthly"];
  it("for every weekday and hour preference, cadence and zone", () => {
    const bad: string[] = [];
    for (const cadence of cadences) {
      for (let weekday = 1; weekday <= 7; weekday++) {
        for (let localHour = 0; localHour < 24; localHour++) {
          const p = { cadence, weekday, localHour, startedAt: at("2026-09-01T00:00:00Z") };
          for (const zone of ZONES) {
            for (const slot of consecutive(p, at("2026-09-20T00:00:00Z"), 3, zone)) {
              const due = local(slot.localDue, zone);
              const sameWeek =
                cadence !== "weekly" || `${due.weekYear}-W${due.toFormat("WW")}` === slot.periodKey;
              if (due.weekday > 5 || due.hour < 9 || due.hour >= 17 || !sameWeek) {
                bad.push(`${cadence} ${weekday} ${localHour} ${zone} ${slot.periodKey} → ${due.toISO()}`);
              }
            }
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("dueForMember", () => {
  it("is null until the first slot after the start, then that slot", () => {
    const p = { ...weekly, startedAt: at("2026-11-25T12:00:00Z") }; // Wednesday: this week's Tuesday has passed
    const zone = "Europe/London";
    expect(dueForMember(p, at("2026-11-26T12:00:00Z"), zone)).toBeNull();
    expect(dueForMember(p, wall("2026-12-01T09:59", zone), zone)).toBeNull();
    expect(dueForMember(p, wall("2026-12-01T10:00", zone), zone)?.periodKey).toBe("2026-W49");
    expect(dueForMember(p, wall("2026-12-07T08:00", zone), zone)?.periodKey).toBe("2026-W49");
  });

  it("crosses the year boundary from ISO week 53 to week 1", () => {
    const zone = "Europe/London";
    const w53 = dueForMember(weekly, at("2027-01-01T12:00:00Z"), zone);
    expect([w53?.periodKey, w53?.localDue]).toEqual(["2026-W53", at("2026-12-29T10:00:00Z")]);
    expect(dueForMember(weekly, at("2027-01-05T09:59:59Z"), zone)?.periodKey).toBe("2026-W53");
    expect(dueForMember(weekly, at("2027-01-05T10:00:00Z"), zone)?.periodKey).toBe("2027-W01");
    // Los Angeles: still W53 at 10:00 UTC on Tuesday 5 January; W01 from 18:00 UTC.
    expect(dueForMember(weekly, at("2027-01-05T17:59:00Z"), "America/Los_Angeles")?.periodKey).toBe(
      "2026-W53",
    );
    expect(dueForMember(weekly, at("2027-01-05T18:00:00Z"), "America/Los_Angeles")?.periodKey).toBe(
      "2027-W01",
    );
  });

  it("finds a member's slot that falls before its UTC period starts (Auckland's Monday morning)", () => {
    const monday = { ...weekly, weekday: 1, localHour: 9 };
    const now = at("2027-01-03T20:30:00Z"); // Monday 4 January 09:30 in Auckland, Sunday in UTC
    expect(currentSlot(monday, now, "Pacific/Auckland").periodKey).toBe("2026-W53");
    const slot = dueForMember(monday, now, "Pacific/Auckland");
    expect([slot?.periodKey, slot?.localDue]).toEqual(["2027-W01", at("2027-01-03T20:00:00Z")]);
    expect(dueForMember(monday, now, "Europe/London")?.periodKey).toBe("2026-W53");
  });

  it("answers a ticking job: each period becomes due once, exactly at the member's due instant", () => {
    const fortnightly = { cadence: "fortnightly", startedAt: at("2026-10-05T00:00:00Z") } as const;
    const from = at("2026-10-05T00:00:00Z").getTime();
    for (const zone of ZONES) {
      const changes: string[] = [];
      const sends: string[] = [];
      let previous: string | undefined;
      // Every 15 minutes over six weeks (every due instant falls on a quarter hour in these zones).
      for (let t = from; t < at("2026-11-16T00:00:00Z").getTime(); t += 15 * 60_000) {
        const now = new Date(t);
        const slot = dueForMember(fortnightly, now, zone);
        if (!slot) continue;
        if (slot.localDue.getTime() > t) changes.push(`early ${slot.periodKey} at ${now.toISOString()}`);
        if (slot.periodKey !== previous) {
          changes.push(slot.localDue.getTime() === t ? slot.periodKey : `late ${slot.periodKey}`);
          previous = slot.periodKey;
        }
        if (classifyMissed(slot.localDue, now) === "send") sends.push(slot.periodKey);
      }
      expect(changes, zone).toEqual(["F2026-W41", "F2026-W43", "F2026-W45"]);
      expect(sends, zone).toEqual(changes);
    }
  });

  it("answers a job ticking every minute around a due instant: on time for five minutes, then late", () => {
    const zone = "Asia/Kolkata";
    const due = at("2026-11-24T04:30:00Z"); // Tuesday 10:00 IST
    const decisions = new Map<string, number>();
    for (let minute = -30; minute < 120; minute++) {
      const now = new Date(due.getTime() + minute * 60_000);
      const slot = dueForMember(weekly, now, zone);
      const decision = slot?.periodKey === "2026-W48" ? classifyMissed(slot.localDue, now) : "earlier";
      decisions.set(decision, (decisions.get(decision) ?? 0) + 1);
    }
    expect(Object.fromEntries(decisions)).toEqual({ earlier: 30, send: 5, "send-late": 115 });
  });
});
