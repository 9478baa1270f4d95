// Checks a rendered Adaptive Card with the adaptivecards SDK's parser (its UMD bundle: the ESM build does not load in Node).
import { createRequire } from "node:module";

interface AcEvent {
  event: number;
  message: string;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context?: unknown): void;
    validateProperties(): { validationEvents: AcEvent[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): AcEvent };
  ValidationEvent: Record<number, string>;
}
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsModule;

/**
 * Chart elements that Teams draws and the SDK does not know. The SDK reports each as an unknown element and
 * renders its `fallback` in its place, which is what a client without charts does; so such a report is accepted
 * when the element has a fallback element (parsed and validated along with the card), and is a problem otherwise.
 */
export const TEAMS_CHART_TYPES: readonly string[] = ["Chart.VerticalBar"];

const UNKNOWN_CHART = /^Unknown element type "([^"]+)"/;

/** Teams chart elements anywhere in the card that have no fallback element. */
function chartsWithoutFallback(json: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const type = String(record.type ?? "");
      const fallback = record.fallback as { type?: unknown } | undefined;
      if (TEAMS_CHART_TYPES.includes(type) && typeof fallback?.type !== "string") {
        found.push(`MissingFallback: ${type} has no fallback element`);
      }
      for (const value of Object.values(record)) walk(value);
    }
  };
  walk(json);
  return found;
}

/** Problems the parser reports while parsing (unknown types, bad values) and validating (ids, labels). */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parsing = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index));
  const events = [...parsing, ...card.validateProperties().validationEvents].filter((event) => {
    const chart =
      AC.ValidationEvent[event.event] === "UnknownElementType" && UNKNOWN_CHART.exec(event.message);
    return !(chart && TEAMS_CHART_TYPES.includes(chart[1]!));
  });
  return [
    ...events.map((event) => `${AC.ValidationEvent[event.event]}: ${event.message}`),
    ...chartsWithoutFallback(json),
  ];
}
