// Tests for working days and hours in a person's own time zone, including DST weeks and weekends.
import { describe, expect, it } from "vitest";
import {
  clampToWorkingTime,
  isWorkingTime,
  nextWorkingMorning,
  safeZone,
  workingMorningAtOrAfter,
} from "../../src/core/schedule/working-time.ts";
import { at, local, wall, ZONES } from "../helpers/zoned-time.ts";

describe("safeZone", () => {
  it("keeps a known IANA zone and falls back to UTC otherwise", () => {
    expect(safeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(safeZone(" Europe/London ")).toBe("Europe/London");
    for (const bad of ["Mars/Olympus_Mons", "", "   ", "system", "local", null, undefined]) {
      expect(safeZone(bad)).toBe("UTC");
    }
  });

  it("an unknown zone behaves as UTC", () => {
    expect(nextWorkingMorning(at("2026-11-23T03:00:00Z"), "Nowhere/Special")).toEqual(
      at("2026-11-23T09:00:00Z"),
    );
    expect(isWorkingTime(at("2026-11-23T09:00:00Z"), "not a zone")).toBe(true);
  });
});

describe("isWorkingTime", () => {
  it("is Monday to Friday, 09:00 inclusive to 17:00 exclusive, local", () => {
    const zone = "Europe/London";
    expect(isWorkingTime(wall("2026-11-23T09:00", zone), zone)).toBe(true);
    expect(isWorkingTime(wall("2026-11-23T08:59:59.999", zone), zone)).toBe(false);
    expect(isWorkingTime(wall("2026-11-27T16:59:59", zone), zone)).toBe(true);
    expect(isWorkingTime(wall("2026-11-27T17:00", zone), zone)).toBe(false);
    expect(isWorkingTime(wall("2026-11-28T12:00", zone), zone)).toBe(false); // Saturday
    expect(isWorkingTime(wall("2026-11-29T12:00", zone), zone)).toBe(false); // Sunday
  });

  it("uses the local day and hour, on both sides of UTC", () => {
    // Monday 09:00 in Kolkata (+05:30) is 03:30 UTC.
    expect(isWorkingTime(at("2026-11-23T03:30:00Z"), "Asia/Kolkata")).toBe(true);
    expect(isWorkingTime(at("2026-11-23T03:29:00Z"), "Asia/Kolkata")).toBe(false);
    // Monday 09:00 in Auckland (+13:00 in November) is still Sunday in UTC.
    expect(isWorkingTime(at("2026-11-22T20:00:00Z"), "Pacific/Auckland")).toBe(true);
    expect(isWorkingTime(at("2026-11-22T20:00:00Z"), "UTC")).toBe(false);
    // Friday 16:30 in Los Angeles is Saturday 00:30 UTC.
    expect(isWorkingTime(at("2026-11-28T00:30:00Z"), "America/Los_Angeles")).toBe(true);
  });

  it("takes configurable hours and rejects nonsense ones", () => {
    const hours = { startHour: 8, endHour: 18 };
    expect(isWorkingTime(wall("2026-11-23T08:00", "UTC"), "UTC", hours)).toBe(true);
    expect(isWorkingTime(wall("2026-11-23T17:30", "UTC"), "UTC", hours)).toBe(true);
    expect(isWorkingTime(wall("2026-11-23T18:00", "UTC"), "UTC", hours)).toBe(false);
    const now = at("2026-11-23T12:00:00Z");
    expect(() => isWorkingTime(now, "UTC", { startHour: 17, endHour: 9 })).toThrow(RangeError);
    expect(() => isWorkingTime(now, "UTC", { startHour: 9.5, endHour: 17 })).toThrow(RangeError);
    expect(() => isWorkingTime(now, "UTC", { startHour: -1, endHour: 17 })).toThrow(RangeError);
    expect(() => isWorkingTime(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });
});

describe("nextWorkingMorning", () => {
  const zone = "America/New_York";

  it("is the same day's start when before it on a working day, else the next working day's", () => {
    expect(nextWorkingMorning(wall("2026-11-23T07:00", zone), zone)).toEqual(wall("2026-11-23T09:00", zone));
    expect(nextWorkingMorning(wall("2026-11-23T09:00", zone), zone)).toEqual(wall("2026-11-24T09:00", zone));
    expect(nextWorkingMorning(wall("2026-11-23T12:00", zone), zone)).toEqual(wall("2026-11-24T09:00", zone));
  });

  it("skips the weekend", () => {
    expect(nextWorkingMorning(wall("2026-11-27T17:30", zone), zone)).toEqual(wall("2026-11-30T09:00", zone));
    expect(nextWorkingMorning(wall("2026-11-28T10:00", zone), zone)).toEqual(wall("2026-11-30T09:00", zone));
    expect(nextWorkingMorning(wall("2026-11-29T23:59", zone), zone)).toEqual(wall("2026-11-30T09:00", zone));
  });

  it("lands on 09:00 local across a DST change weekend", () => {
    // New York leaves DST on Sunday 1 November 2026: Friday is UTC−4, Monday UTC−5.
    expect(nextWorkingMorning(wall("2026-10-30T18:00", zone), zone)).toEqual(at("2026-11-02T14:00:00Z"));
    // London leaves BST on Sunday 25 October 2026.
    const london = "Europe/London";
    expect(nextWorkingMorning(wall("2026-10-23T18:00", london), london)).toEqual(at("2026-10-26T09:00:00Z"));
    expect(nextWorkingMorning(wall("2026-10-22T18:00", london), london)).toEqual(at("2026-10-23T08:00:00Z"));
  });

  it("has an at-or-after variant", () => {
    const morning = wall("2026-11-24T09:00", zone);
    expect(workingMorningAtOrAfter(morning, zone)).toEqual(morning);
    expect(workingMorningAtOrAfter(new Date(morning.getTime() + 1), zone)).toEqual(
      wall("2026-11-25T09:00", zone),
    );
  });
});

describe("clampToWorkingTime", () => {
  it("keeps an instant inside working time and moves one outside to the next working start", () => {
    const zone = "Asia/Kolkata";
    const inside = wall("2026-11-25T14:10", zone);
    expect(clampToWorkingTime(inside, zone)).toEqual(inside);
    expect(clampToWorkingTime(wall("2026-11-25T06:00", zone), zone)).toEqual(wall("2026-11-25T09:00", zone));
    expect(clampToWorkingTime(wall("2026-11-25T21:00", zone), zone)).toEqual(wall("2026-11-26T09:00", zone));
    expect(clampToWorkingTime(wall("2026-11-27T17:00", zone), zone)).toEqual(wall("2026-11-30T09:00", zone));
  });
});

describe("never at night: a sweep over two months with DST changes in several zones", () => {
  // 20 Sep – 20 Nov 2026 covers Auckland's DST start (27 Sep), London's end (25 Oct), New York's and LA's (1 Nov).
  const from = at("2026-09-20T00:00:00Z").getTime();
  const to = at("2026-11-20T00:00:00Z").getTime();
  const step = 37 * 60_000;

  for (const zone of ZONES) {
    it(`lands inside working time in ${zone}`, () => {
      const bad: string[] = [];
      for (let t = from; t < to; t += step) {
        const instant = new Date(t);
        const clamped = clampToWorkingTime(instant, zone);
        const c = local(clamped, zone);
        const inside = isWorkingTime(instant, zone);
        if (
          c.weekday > 5 ||
          c.hour < 9 ||
          c.hour >= 17 ||
          clamped.getTime() < t ||
          (inside && +clamped !== t)
        ) {
          bad.push(`clamp ${instant.toISOString()} → ${c.toISO()}`);
        }
        const morning = nextWorkingMorning(instant, zone);
        const m = local(morning, zone);
        const wait = morning.getTime() - t;
        if (
          m.weekday > 5 ||
          m.hour !== 9 ||
          m.minute !== 0 ||
          wait <= 0 ||
          wait > 3 * 24 * 3_600_000 + 3_600_000
        ) {
          bad.push(`next ${instant.toISOString()} → ${m.toISO()}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
