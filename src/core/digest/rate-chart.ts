// A compact text chart of response rates (▁▂▃▄▅▆▇█), readable on Slack, Teams and in plain text alike.
import type { RatePoint } from "./digest-snapshot.ts";

const BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** The answered share in whole percent, or null when nothing was sent. */
export function ratePercent(point: Pick<RatePoint, "sent" | "answered">): number | null {
  return point.sent > 0 ? Math.round((100 * point.answered) / point.sent) : null;
}

/** One bar per period ("·" for a period with no prompts), e.g. "▅▆·▇█". */
export function rateBars(points: readonly RatePoint[]): string {
  return points
    .map((point) => {
      const percent = ratePercent(point);
      if (percent === null) return "·";
      return BARS[Math.round((percent / 100) * (BARS.length - 1))];
    })
    .join("");
}

/** Bars and the percentages beside them: "▅▆·▇█  60 · 75 · – · 88 · 100 %". */
export function rateChartLine(points: readonly RatePoint[]): string {
  const figures = points.map((point) => ratePercent(point) ?? "–").join(" · ");
  return `${rateBars(points)}  ${figures} %`;
}
