// Planning check-ins (pure core): a period is planned when its first member is due, in every member's own zone.
import { describe, expect, it } from "vitest";
import { DEFAULT_ANSWER_WINDOW } from "../../src/core/calendar/answer-window.ts";
import type { PlanningPartnership } from "../../src/core/checkins/checkin-port.ts";
import { planCheckins } from "../../src/core/checkins/plan-checkins.ts";
import { nextCheckinAt } from "../../src/core/partnerships/next-checkin.ts";
import type { PartnershipView } from "../../src/core/partnerships/partnership-port.ts";

const member = (personId: string, zone: string, available: boolean) => ({
  personId,
  zone,
  available,
  country: null,
  region: null,
  away: [],
});

const partnership = (overrides: Partial<PlanningPartnership> = {}): PlanningPartnership => ({
  id: "p1",
  cadence: "weekly",
  weekday: 1, // Monday
  localHour: 10,
  startedAt: new Date("2026-11-01T00:00:00Z"),
  window: DEFAULT_ANSWER_WINDOW,
  members: [member("auckland", "Pacific/Auckland", true), member("london", "Europe/London", true)],
  plannedKeys: [],
  ...overrides,
});

describe("planCheckins", () => {
  it("plans next week's check-in on Sunday in UTC when Monday 10:00 has come in Auckland", () => {
    expect(planCheckins([partnership()], new Date("2026-11-29T20:59:00Z"))).toEqual([
      expect.objectContaining({ periodKey: "2026-W48" }), // this week's, already past for both
    ]);
    const plans = planCheckins(
      [partnership({ plannedKeys: ["2026-W48"] })],
      new Date("2026-11-29T21:00:00Z"),
    );
    expect(plans).toEqual([
      {
        partnershipId: "p1",
        periodKey: "2026-W49",
        periodStart: new Date("2026-11-30T00:00:00Z"),
        periodEnd: new Date("2026-12-07T00:00:00Z"),
        prompts: [
          { personId: "auckland", dueAt: new Date("2026-11-29T21:00:00Z") }, // Monday 10:00 NZDT
          { personId: "london", dueAt: new Date("2026-11-30T10:00:00Z") },
        ],
      },
    ]);
  });

  it("plans nothing before anyone is due, nothing twice, nothing for paused members or before the start", () => {
    const monday = new Date("2026-11-23T09:00:00Z");
    const plannedAlready = partnership({ plannedKeys: ["2026-W48", "2026-W49"] });
    expect(planCheckins([plannedAlready], monday)).toEqual([]);
    const startedLate = partnership({ startedAt: new Date("2026-11-24T00:00:00Z"), plannedKeys: [] });
    expect(planCheckins([startedLate], new Date("2026-11-25T12:00:00Z"))).toEqual([]);
    const paused = partnership({
      members: [member("auckland", "Pacific/Auckland", false), member("london", "Europe/London", true)],
    });
    const [plan] = planCheckins([paused], new Date("2026-11-23T10:00:00Z"));
    expect(plan?.prompts.map((p) => p.personId)).toEqual(["london"]);
  });
});

describe("nextCheckinAt", () => {
  const view = (overrides: Partial<PartnershipView> = {}): PartnershipView => ({
    id: "p1",
    title: "Study",
    programme: null,
    programmeId: null,
    status: "active",
    cadence: "fortnightly",
    weekday: 2,
    localHour: 10,
    startedAt: new Date("2026-11-02T00:00:00Z"),
    members: [],
    isMember: true,
    coordinates: false,
    plannedKeys: [],
    myPrompts: [],
    ...overrides,
  });

  it("is the pending prompt's due time, else the next slot not yet planned, in my zone", () => {
    const now = new Date("2026-11-03T12:00:00Z"); // Tuesday of the first fortnight, after 10:00 London
    expect(nextCheckinAt(view({ plannedKeys: ["F2026-W45"] }), "Europe/London", now)).toEqual(
      new Date("2026-11-17T10:00:00Z"),
    );
    // In New York 10:00 is still ahead that Tuesday.
    expect(nextCheckinAt(view(), "America/New_York", now)).toEqual(new Date("2026-11-03T15:00:00Z"));
    const pending = { periodKey: "F2026-W45", status: "pending", dueAt: new Date("2026-11-03T15:00:00Z") };
    expect(
      nextCheckinAt(view({ plannedKeys: ["F2026-W45"], myPrompts: [pending] }), "America/New_York", now),
    ).toEqual(new Date("2026-11-03T15:00:00Z"));
    expect(nextCheckinAt(view({ status: "paused" }), "Europe/London", now)).toBeNull();
  });
});
