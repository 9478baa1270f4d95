// The chat's clock: real time, which `jobs run … --now` can move so that answers follow the prompts they answer.
import type { Clock } from "../../core/ports.ts";

export interface ConsoleClock extends Clock {
  /** From now on the clock reads `at` plus the time that passes. */
  moveTo(at: Date): void;
}

export function createConsoleClock(realNow: () => number = Date.now): ConsoleClock {
  let offsetMs = 0;
  return {
    now: () => new Date(realNow() + offsetMs),
    moveTo(at) {
      offsetMs = at.getTime() - realNow();
    },
  };
}
