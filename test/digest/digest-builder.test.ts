// The digest's pure parts: schedule, period, chart, content and layout, and how it renders on Slack and Teams.
import { describe, expect, it } from "vitest";
import { renderBlockKit, renderSlackModal } from "../../src/bots/slack/render-block-kit.ts";
import { renderAdaptiveCard, renderAdaptiveCardForm } from "../../src/bots/teams/render-adaptive-card.ts";
import {
  buildDigest,
  buildSectionList,
  DIGEST_SHOW_ALL_ACTION,
  DIGEST_TOP,
  readShowAllValue,
} from "../../src/core/digest/build-digest.ts";
import { digestDue, digestPeriod, latestDigestSlot } from "../../src/core/digest/digest-schedule.ts";
import { digestSettingsForm } from "../../src/core/digest/digest-settings-form.ts";
import { chartSpans, type DigestSnapshot } from "../../src/core/digest/digest-snapshot.ts";
import { rateBars, rateChartLine } from "../../src/core/digest/rate-chart.ts";
import { type Block, plainText } from "../../src/core/message.ts";
import { cardProblems } from "../helpers/adaptive-card-check.ts";

const until = new Date("2026-11-30T09:00:00Z");
const since = new Date("2026-11-23T09:00:00Z");
const PROGRAMME = "3f1c2b9a-1111-4222-8333-944455556666";

function snapshot(overrides: Partial<DigestSnapshot> = {}): DigestSnapshot {
  return {
    programme: { id: PROGRAMME, name: "Oncology Network" },
    period: { since, until },
    today: "2026-11-30",
    rates: chartSpans({ since, until }).map((span) => ({ ...span, sent: 0, answered: 0 })),
    activePartnerships: 4,
    atRisk: [],
    intros: { requested: 0, accepted: 0, declined: 0, expired: 0 },
    introFunnel: { introduced: 0, met: 0, active: 0 },
    newPartnerships: [],
    milestonesAchieved: [],
    milestonesOverdue: [],
    followUpsOverdue: [],
    unreachable: [],
    people: new Map(),
    ...overrides,
  };
}

const textOf = (blocks: readonly Block[]) =>
  blocks
    .map((b) => {
      if (b.type === "text" || b.type === "context") return plainText(b.text);
      if (b.type === "chart") return plainText(b.fallback);
      if (b.type === "header") return b.text;
      if (b.type === "fields") return b.fields.map((f) => `${f.label}: ${plainText(f.value)}`).join("\n");
      if (b.type === "actions") return b.buttons.map((x) => `[${x.label}]`).join(" ");
      return "";
    })
    .join("\n");

describe("digest schedule", () => {
  it("finds the latest local weekday and hour at or before now, across time zones and DST", () => {
    expect(latestDigestSlot(1, 9, "Europe/London", new Date("2026-11-30T09:00:00Z")).toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    );
    expect(latestDigestSlot(1, 9, "Europe/London", new Date("2026-11-30T08:59:00Z")).toISOString()).toBe(
      "2026-11-23T09:00:00.000Z",
    );
    expect(latestDigestSlot(1, 9, "America/New_York", new Date("2026-11-30T14:05:00Z")).toISOString()).toBe(
      "2026-11-30T14:00:00.000Z",
    );
    // Summer time in London: 09:00 local is 08:00 UTC.
    expect(latestDigestSlot(3, 9, "Europe/London", new Date("2026-07-01T12:00:00Z")).toISOString()).toBe(
      "2026-07-01T08:00:00.000Z",
    );
    expect(latestDigestSlot(1, 9, "Not/AZone", new Date("2026-11-30T10:00:00Z")).toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    );
  });

  it("is due once per slot since the last digest, and not before a new coordinator's first slot", () => {
    const settings = { weekday: 1, hour: 9, lastDigestAt: since, since: new Date("2026-11-01T00:00:00Z") };
    expect(digestDue(settings, "Europe/London", new Date("2026-11-30T08:59:00Z"))).toBeNull();
    expect(digestDue(settings, "Europe/London", new Date("2026-11-30T09:00:00Z"))?.toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    );
    const sent = { ...settings, lastDigestAt: new Date("2026-11-30T09:00:00Z") };
    expect(digestDue(sent, "Europe/London", new Date("2026-11-30T09:15:00Z"))).toBeNull();
    const fresh = { ...settings, lastDigestAt: null, since: new Date("2026-11-25T12:00:00Z") };
    expect(digestDue(fresh, "Europe/London", new Date("2026-11-27T09:00:00Z"))).toBeNull();
    expect(digestDue(fresh, "Europe/London", new Date("2026-11-30T09:10:00Z"))).not.toBeNull();
  });

  it("covers the period since the last digest, a week by default, at most a month", () => {
    expect(digestPeriod(since, until)).toEqual({ since, until });
    expect(digestPeriod(null, until).since.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(digestPeriod(new Date("2026-11-30T08:00:00Z"), until).since.toISOString()).toBe(
      "2026-11-23T09:00:00.000Z",
    );
    expect(digestPeriod(new Date("2026-01-01T00:00:00Z"), until).since.toISOString()).toBe(
      "2026-10-30T09:00:00.000Z",
    );
  });
});

describe("digest content", () => {
  it("says a quiet week in one line", () => {
    const message = buildDigest(snapshot());
    expect(message.blocks.filter((b) => b.type === "text")).toHaveLength(1);
    expect(message.summary).toMatch(/^A quiet week in Oncology Network/);
  });

  it("charts eight periods with blocks and percentages, and leaves gaps for periods without prompts", () => {
    const rates = chartSpans({ since, until }).map((span, i) => ({
      ...span,
      sent: i < 2 ? 0 : 10,
      answered: i,
    }));
    expect(rateBars(rates)).toBe("··▂▃▄▅▅▆");
    expect(rateChartLine(rates)).toBe("··▂▃▄▅▅▆  – · – · 20 · 30 · 40 · 50 · 60 · 70 %");
    const full = rates.map((r) => ({ ...r, sent: 4, answered: 4 }));
    expect(rateBars(full)).toBe("████████");

    // In the digest: a chart block, one bar per period labelled with its first day, and the text chart beside.
    const chart = buildDigest(snapshot({ rates })).blocks.find((b) => b.type === "chart");
    expect(chart).toEqual({
      type: "chart",
      title: "Response rate, last 8 periods",
      valueLabel: "% answered",
      points: [
        { label: "5 Oct", value: null },
        { label: "12 Oct", value: null },
        { label: "19 Oct", value: 20 },
        { label: "26 Oct", value: 30 },
        { label: "2 Nov", value: 40 },
        { label: "9 Nov", value: 50 },
        { label: "16 Nov", value: 60 },
        { label: "23 Nov", value: 70 },
      ],
      fallback: "Response rate, last 8 periods: ··▂▃▄▅▅▆  – · – · 20 · 30 · 40 · 50 · 60 · 70 %",
    });
  });

  it("shows the top items of a long section with a count and a Show all button that lists them all", () => {
    const atRisk = Array.from({ length: 7 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      title: `Partnership ${i}`,
      reason: "quiet" as const,
      note: null,
      memberIds: [],
    }));
    const message = buildDigest(snapshot({ atRisk }));
    const text = textOf(message.blocks);
    expect(text).toContain("Partnerships at risk (7)");
    expect(text).toContain("Partnership 4");
    expect(text).not.toContain("Partnership 5");
    expect(text).toContain(`Showing ${DIGEST_TOP} of 7.`);
    const showAll = message.blocks
      .flatMap((b) => (b.type === "actions" ? b.buttons : []))
      .find((b) => b.actionId === DIGEST_SHOW_ALL_ACTION)!;
    expect(readShowAllValue(showAll.value)).toEqual({
      programmeId: PROGRAMME,
      section: "at-risk",
      since,
      until,
    });
    expect(readShowAllValue("nonsense|at-risk|1|2")).toBeNull();
    const list = textOf(buildSectionList(snapshot({ atRisk }), "at-risk").blocks);
    expect(list).toContain("Partnership 6");
    expect(list).toContain("Partnerships at risk: Oncology Network (7)");
  });

  it("says what to do about each member it cannot reach", () => {
    const person = (id: string, name: string) => [id, { id, name, identities: [] }] as const;
    const message = buildDigest(
      snapshot({
        unreachable: [
          { personId: "a", reason: "no-identity", failures: 0 },
          { personId: "b", reason: "Slack user not found: they may have left the workspace", failures: 2 },
        ],
        people: new Map([person("a", "Ana"), person("b", "Ben")]),
      }),
    );
    const text = textOf(message.blocks);
    expect(text).toContain("Members I cannot reach (2)");
    expect(text).toContain("Ana: no Slack or Teams account linked: add slack_user_id");
    expect(text).toContain(
      "Ben (2 undelivered): Slack user not found: they may have left the workspace: check whether",
    );
  });
});

describe("a full digest on both platforms", () => {
  const items = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      title: `${prefix} ${i}`,
      partnershipTitle: `Partnership ${i}`,
      dueOn: "2026-11-01",
    }));
  const full = snapshot({
    rates: chartSpans({ since, until }).map((span, i) => ({ ...span, sent: 10, answered: i + 2 })),
    atRisk: items(9, "At risk").map((p) => ({
      ...p,
      reason: "blocked" as const,
      note: "x".repeat(400),
      memberIds: [],
    })),
    intros: { requested: 4, accepted: 2, declined: 1, expired: 1 },
    newPartnerships: items(8, "New"),
    milestonesAchieved: items(8, "Done"),
    milestonesOverdue: items(8, "Late"),
    followUpsOverdue: Array.from({ length: 8 }, (_, i) => ({
      mentorshipId: `m${i}`,
      mentorId: "a",
      menteeId: "b",
      dueAt: new Date("2026-11-20T09:00:00Z"),
    })),
    unreachable: Array.from({ length: 8 }, (_, i) => ({
      personId: `p${i}`,
      reason: "no-identity",
      failures: i,
    })),
  });

  it("stays within Slack's 50 blocks and renders a valid Adaptive Card, chart included", () => {
    const message = buildDigest(full);
    const slack = renderBlockKit(message, { tenantId: "T1" });
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.blocks)).not.toContain("truncated");
    expect(JSON.stringify(slack.blocks)).toContain("23 Nov  ██████████████████░░  90 % answered");
    const teams = renderAdaptiveCard(message, { tenantId: "tenant-a" });
    expect(cardProblems(teams.card)).toEqual([]);
    expect(JSON.stringify(teams.card)).toContain("▂▃▄▅▅▆▇▇");
    const chart = teams.card.body.find((element) => element.type === "Chart.VerticalBar");
    expect(chart && "data" in chart ? chart.data.map((bar) => bar.y) : []).toEqual([
      20, 30, 40, 50, 60, 70, 80, 90,
    ]);
    expect(message.summary).toContain("trend ▂▃▄▅▅▆▇▇");
    const list = buildSectionList(full, "overdue");
    expect(cardProblems(renderAdaptiveCard(list, { tenantId: "tenant-a" }).card)).toEqual([]);
    expect(renderBlockKit(list, { tenantId: "T1" }).blocks.length).toBeLessThanOrEqual(50);
  });

  it("renders the settings form as a Slack modal and a valid Adaptive Card", () => {
    const programmes = [
      {
        id: "p1",
        name: "Oncology Network",
        weekday: 1,
        hour: 9,
        lastDigestAt: null,
        timezone: "Europe/London",
      },
      {
        id: "p2",
        name: "Cardiology Training",
        weekday: 3,
        hour: 8,
        lastDigestAt: null,
        timezone: "Europe/London",
      },
    ];
    const form = digestSettingsForm(programmes);
    expect(JSON.stringify(renderSlackModal(form, { tenantId: "T1" }))).toContain("Cardiology Training");
    expect(cardProblems(renderAdaptiveCardForm(form, { tenantId: "tenant-a" }).card)).toEqual([]);
  });
});
