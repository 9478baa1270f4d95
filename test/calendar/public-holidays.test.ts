// Public holidays per person: the right calendar by country and region, a default from the zone where it is
// unambiguous, and a year of weekly check-ins in five countries with every holiday skipped and no week lost.
import { describe, expect, it } from "vitest";
import { DEFAULT_ANSWER_WINDOW } from "../../src/core/calendar/answer-window.ts";
import { calendarOf, type PersonCalendar, placeInPeriod } from "../../src/core/calendar/person-calendar.ts";
import { checkCountry, countryForZone, isPublicHoliday } from "../../src/core/calendar/public-holidays.ts";
import type { PlanningPartnership } from "../../src/core/checkins/checkin-port.ts";
import { planCheckins } from "../../src/core/checkins/plan-checkins.ts";
import { periodAt, shiftPeriod } from "../../src/core/schedule/periods.ts";
import { local, wall } from "../helpers/zoned-time.ts";

const person = (zone: string, country: string | null, region: string | null = null): PersonCalendar => ({
  zone,
  country,
  region,
  away: [],
});

const CALENDARS = {
  "GB England": person("Europe/London", "GB", "ENG"),
  "GB Scotland": person("Europe/London", "GB", "SCT"),
  "DE Bavaria": person("Europe/Berlin", "DE", "BY"),
  "DE Berlin": person("Europe/Berlin", "DE", "BE"),
  US: person("America/New_York", "US"),
  "AU Victoria": person("Australia/Melbourne", "AU", "VIC"),
  "AU New South Wales": person("Australia/Sydney", "AU", "NSW"),
  IN: person("Asia/Kolkata", "IN"),
} as const;

describe("public holidays by country and region", () => {
  it("tells England from Scotland, Bavaria from Berlin, Victoria from New South Wales", () => {
    expect(isPublicHoliday("2026-11-30", "GB", "SCT")).toBe(true); // St Andrew's Day
    expect(isPublicHoliday("2026-11-30", "GB", "ENG")).toBe(false);
    expect(isPublicHoliday("2026-01-02", "GB", "SCT")).toBe(true);
    expect(isPublicHoliday("2026-01-02", "GB", "ENG")).toBe(false);
    expect(isPublicHoliday("2026-06-04", "DE", "BY")).toBe(true); // Fronleichnam
    expect(isPublicHoliday("2026-06-04", "DE", "BE")).toBe(false);
    expect(isPublicHoliday("2026-11-03", "AU", "VIC")).toBe(true); // Melbourne Cup
    expect(isPublicHoliday("2026-11-03", "AU", "NSW")).toBe(false);
    expect(isPublicHoliday("2026-11-26", "US", null)).toBe(true); // Thanksgiving
    expect(isPublicHoliday("2026-10-02", "IN", null)).toBe(true); // Gandhi Jayanti
  });

  it("counts public holidays only, not observances or optional days", () => {
    expect(isPublicHoliday("2026-02-14", "US", null)).toBe(false); // Valentine's Day: an observance
    expect(isPublicHoliday("2026-12-24", "US", null)).toBe(false); // Christmas Eve: optional
    expect(isPublicHoliday("2026-03-15", "GB", "SCT")).toBe(false); // Mother's Day
  });

  it("defaults the country from the zone only where one country uses it, and never a region", () => {
    expect(countryForZone("Europe/Berlin")).toBe("DE");
    expect(countryForZone("America/New_York")).toBe("US");
    expect(countryForZone("Europe/London")).toBe("GB");
    expect(countryForZone("Asia/Kolkata")).toBe("IN");
    expect(countryForZone("UTC")).toBeNull();
    expect(calendarOf({ zone: "Europe/London" })).toMatchObject({ country: "GB", region: null });
    expect(calendarOf({ zone: "Europe/London", country: "GB", region: "SCT" })).toMatchObject({
      country: "GB",
      region: "SCT",
    });
    // A region without a country of one's own is not used: the zone's country might differ.
    expect(calendarOf({ zone: "Europe/Berlin", region: "BY" })).toMatchObject({
      country: "DE",
      region: null,
    });
  });

  it("checks a country and region and says what to type instead", () => {
    expect(checkCountry("gb", "sct")).toEqual({ ok: true, country: "GB", region: "SCT" });
    expect(checkCountry("XX")).toMatchObject({ ok: false, reason: expect.stringContaining("two-letter") });
    expect(checkCountry("DE", "ZZ")).toMatchObject({ ok: false, reason: expect.stringContaining("BY") });
  });
});

describe("a prompt on a public holiday", () => {
  const week = (monday: string) => ({
    start: new Date(`${monday}T00:00:00Z`),
    end: new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000),
  });

  it("moves to the next working day of the week in Scotland on St Andrew's Day, not in England", () => {
    const due = wall("2026-11-30T10:00", "Europe/London");
    const period = week("2026-11-30");
    const scotland = placeInPeriod(due, CALENDARS["GB Scotland"], DEFAULT_ANSWER_WINDOW, period);
    expect(scotland).toEqual(wall("2026-12-01T10:00", "Europe/London"));
    expect(placeInPeriod(due, CALENDARS["GB England"], DEFAULT_ANSWER_WINDOW, period)).toEqual(due);
  });

  it("moves back to the first working day of the week when no later one is left (Scotland's 2 January)", () => {
    const due = wall("2026-01-02T10:00", "Europe/London"); // Friday; 1 January, Thursday, is a holiday too
    const placed = placeInPeriod(due, CALENDARS["GB Scotland"], DEFAULT_ANSWER_WINDOW, week("2025-12-29"));
    expect(placed).toEqual(wall("2025-12-29T10:00", "Europe/London"));
  });
});

function weeklyPartnership(calendar: PersonCalendar, weekday: number): PlanningPartnership {
  return {
    id: `p-${weekday}`,
    cadence: "weekly",
    weekday,
    localHour: 10,
    startedAt: new Date("2025-12-01T00:00:00Z"),
    window: DEFAULT_ANSWER_WINDOW,
    members: [
      {
        personId: "member",
        available: true,
        ...calendar,
        country: calendar.country ?? null,
        region: calendar.region ?? null,
        away: [],
      },
    ],
    plannedKeys: [],
  };
}

describe("a year of weekly check-ins in five countries", () => {
  for (const [name, calendar] of Object.entries(CALENDARS)) {
    it(`${name}: every week of 2026 gets its prompt, on a working day that is no public holiday`, () => {
      let moved = 0;
      let holidaysOnSlot = 0;
      for (const weekday of [1, 2, 3, 4, 5]) {
        const partnership = weeklyPartnership(calendar, weekday);
        let period = periodAt("weekly", partnership.startedAt, new Date("2026-01-05T00:00:00Z"));
        for (let i = 0; i < 52; i++, period = shiftPeriod("weekly", partnership.startedAt, period, 1)) {
          // Planned as late as possible in the period: whatever day the prompt moved to has come by then.
          const plans = planCheckins([partnership], new Date(period.end.getTime() - 60_000));
          const plan = plans.find((p) => p.periodKey === period.key);
          expect(plan?.prompts, `${name} ${period.key} weekday ${weekday}`).toHaveLength(1);
          const due = local(plan!.prompts[0]!.dueAt, calendar.zone);
          const date = due.toISODate()!;
          expect(isPublicHoliday(date, calendar.country, calendar.region), `${name} ${date}`).toBe(false);
          expect(due.weekday).toBeLessThanOrEqual(5);
          expect(due.hour).toBe(10);
          expect(due.toMillis()).toBeGreaterThanOrEqual(period.start.getTime() - 15 * 3_600_000);
          expect(due.toMillis()).toBeLessThan(period.end.getTime() + 15 * 3_600_000);
          const slotDate = new Date(period.start.getTime() + (weekday - 1) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          if (isPublicHoliday(slotDate, calendar.country, calendar.region)) holidaysOnSlot++;
          if (date !== slotDate) moved++;
        }
      }
      // Every weekday holiday of the year fell on some partnership's slot and moved it; nothing else moved.
      expect(moved).toBe(holidaysOnSlot);
      expect(holidaysOnSlot).toBeGreaterThanOrEqual(4);
    });
  }
});
