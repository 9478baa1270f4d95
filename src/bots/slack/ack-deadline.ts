// Slack shows an error when a command or form submission is not acked within 3 seconds: how long we wait for the core.

export const DEFAULT_ACK_WITHIN_MS = 2_000;

export const late = Symbol("late");

/** The answer, or `late` when it takes longer than `ms` (0: at once); the answer still comes, await it again. */
export async function within<T>(answer: Promise<T>, ms: number): Promise<T | typeof late> {
  if (ms <= 0) return late;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
