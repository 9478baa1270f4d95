// Tests for what happens to a check-in slot after downtime: send, send late once, skip, or not yet.
import { describe, expect, it } from "vitest";
import { classifyMissed } from "../../src/core/schedule/catch-up.ts";

const due = new Date("2026-11-24T10:00:00Z");
const plus = (ms: number): Date => new Date(due.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("classifyMissed", () => {
  it("is not-yet before the due instant", () => {
    expect(classifyMissed(due, plus(-1))).toBe("not-yet");
    expect(classifyMissed(due, plus(-3 * HOUR))).toBe("not-yet");
  });

  it("is send at the due instant and for the first few minutes", () => {
    expect(classifyMissed(due, due)).toBe("send");
    expect(classifyMissed(due, plus(5 * MIN - 1))).toBe("send");
  });

  it("is send-late from the end of the on-time window until just under 24 hours", () => {
    expect(classifyMissed(due, plus(5 * MIN))).toBe("send-late");
    expect(classifyMissed(due, plus(23 * HOUR))).toBe("send-late");
    expect(classifyMissed(due, plus(24 * HOUR - 1))).toBe("send-late");
  });

  it("is skip at exactly 24 hours and after", () => {
    expect(classifyMissed(due, plus(24 * HOUR))).toBe("skip");
    expect(classifyMissed(due, plus(10 * 24 * HOUR))).toBe("skip");
  });

  it("takes the windows as options", () => {
    expect(classifyMissed(due, plus(2 * HOUR - 1), { lateWindowHours: 2 })).toBe("send-late");
    expect(classifyMissed(due, plus(2 * HOUR), { lateWindowHours: 2 })).toBe("skip");
    expect(classifyMissed(due, plus(14 * MIN), { onTimeMinutes: 15 })).toBe("send");
    expect(classifyMissed(due, plus(15 * MIN), { onTimeMinutes: 15 })).toBe("send-late");
    expect(classifyMissed(due, plus(1), { onTimeMinutes: 0 })).toBe("send-late");
  });

  it("rejects invalid dates and windows", () => {
    expect(() => classifyMissed(new Date(Number.NaN), due)).toThrow(RangeError);
    expect(() => classifyMissed(due, due, { onTimeMinutes: -1 })).toThrow(RangeError);
    expect(() => classifyMissed(due, due, { lateWindowHours: 0.01, onTimeMinutes: 5 })).toThrow(RangeError);
  });
});
