// The pacer after a 429: one rate cut per Retry-After window, however many sends were in flight; recovery with time.
import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/delivery/pacer.ts";

describe("pacer", () => {
  it("cuts the rate once for a burst of 429s and lets it grow back with time, not with sends", async () => {
    let now = 0;
    const pacer = createPacer(() => now);
    const limit = { perSecond: 100, burst: 1 };
    await pacer.take([{ key: "t", limit }]);
    // Sixteen sends in flight all answer 429 with Retry-After 1 s.
    for (let i = 0; i < 16; i++) pacer.throttled("t", 1_000);
    // Blocked until the Retry-After has passed…
    now = 999;
    let taken = false;
    const waiting = pacer.take([{ key: "t", limit }]).then(() => {
      taken = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(taken).toBe(false);
    now = 1_020; // …then sends at 80 a second (one cut, not 0.8^16): a token every 12.5 ms.
    await waiting;
    const start = now;
    now += 12;
    let next = false;
    const after = pacer.take([{ key: "t", limit }]).then(() => {
      next = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(next).toBe(false);
    now = start + 13;
    await after;
    // A thousand successes within one millisecond do not restore the rate; ten seconds without a 429 do.
    for (let i = 0; i < 1_000; i++) pacer.succeeded("t");
    now += 10_000;
    pacer.succeeded("t");
    const restored = now;
    await pacer.take([{ key: "t", limit }]); // the bucket refilled meanwhile
    now = restored + 10; // at 100 a second, a token every 10 ms
    await pacer.take([{ key: "t", limit }]);
    expect(now).toBe(restored + 10);
  });
});
