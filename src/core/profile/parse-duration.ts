// Reads how long a pause lasts ("2w", "10d", "1 month", "3 weeks") and when it ends.

export interface Duration {
  amount: number;
  unit: "day" | "week" | "month";
}

/** The longest pause one command sets: a year; after that, `opt-out` says what the person means. */
export const MAX_PAUSE_DAYS = 366;

const units: Record<string, Duration["unit"]> = {
  d: "day",
  day: "day",
  days: "day",
  w: "week",
  wk: "week",
  wks: "week",
  week: "week",
  weeks: "week",
  m: "month",
  mo: "month",
  mos: "month",
  month: "month",
  months: "month",
};

/** null when the text is not a positive whole number of days, weeks or months ("a month" counts as 1). */
export function parseDuration(text: string): Duration | null {
  const match = text
    .trim()
    .toLowerCase()
    .match(/^(\d{1,3}|an?|one)\s*([a-z]+)\.?$/);
  if (!match) return null;
  const amount = /^\d+$/.test(match[1]!) ? Number(match[1]) : 1;
  const unit = units[match[2]!];
  if (!unit || amount < 1) return null;
  return { amount, unit };
}

/** When a pause of this length that starts at `from` ends (calendar months, in UTC). */
export function pauseEnd(from: Date, duration: Duration): Date {
  const end = new Date(from.getTime());
  if (duration.unit === "month") end.setUTCMonth(end.getUTCMonth() + duration.amount);
  else end.setUTCDate(end.getUTCDate() + duration.amount * (duration.unit === "week" ? 7 : 1));
  return end;
}

export function isTooLong(from: Date, end: Date): boolean {
  return end.getTime() - from.getTime() > MAX_PAUSE_DAYS * 86_400_000;
}
