// The pure parts of mentoring and milestones: reading `mentor add`, follow-up instants, anniversaries, programme choice.
import { describe, expect, it } from "vitest";
import { slackTraits } from "../../src/bots/slack/slack-traits.ts";
import { teamsTraits } from "../../src/bots/teams/teams-traits.ts";
import { followUpAt, snoozedUntil } from "../../src/core/mentoring/follow-up-time.ts";
import { parseMentorAdd } from "../../src/core/mentoring/parse-mentor-add.ts";
import { latestAnniversary } from "../../src/core/milestones/celebration-messages.ts";
import { readAddForm } from "../../src/core/milestones/milestone-forms.ts";
import { pickProgramme } from "../../src/core/pick-programme.ts";

describe("parseMentorAdd", () => {
  const onSlack = [slackTraits, { platform: "slack", tenantId: "T1", userId: "U0COORD1" }] as const;
  const onTeams = [teamsTraits, { platform: "teams", tenantId: "t", userId: "coord" }] as const;
  it("reads Slack's escaped mentions in the actor's team, then the programme name", () => {
    expect(parseMentorAdd("<@U0ADA01|ada lovelace> <@U0SAM01> Oncology Network", ...onSlack)).toEqual({
      ok: true,
      mentor: { kind: "address", address: { platform: "slack", tenantId: "T1", userId: "U0ADA01" } },
      mentee: { kind: "address", address: { platform: "slack", tenantId: "T1", userId: "U0SAM01" } },
      programme: "Oncology Network",
    });
  });
  it("accepts emails on both platforms (and Slack's mailto escapes)", () => {
    const parsed = parseMentorAdd("<mailto:ada@uni.org|ada@uni.org> Sam@Hospital.org", ...onSlack);
    expect(parsed).toMatchObject({
      ok: true,
      mentor: { kind: "email", email: "ada@uni.org" },
      mentee: { kind: "email", email: "sam@hospital.org" },
      programme: "",
    });
    expect(parseMentorAdd("ada@uni.org sam@uni.org", ...onTeams)).toMatchObject({ ok: true });
  });
  it("refuses anything else, and Slack mentions outside Slack", () => {
    expect(parseMentorAdd("ada sam", ...onSlack)).toEqual({ ok: false });
    expect(parseMentorAdd("<@U0ADA01> ", ...onSlack)).toEqual({ ok: false });
    expect(parseMentorAdd("<@U0ADA01> <@U0SAM01>", ...onTeams)).toEqual({ ok: false });
  });
});

describe("follow-up instants", () => {
  it("is the mentor's working morning N days after the meeting", () => {
    expect(
      followUpAt("2026-11-24", 14, "Europe/London", new Date("2026-11-24T12:00:00Z")).toISOString(),
    ).toBe("2026-12-08T09:00:00.000Z");
    // 2026-11-21 + 14 = Saturday 5 December → Monday 7 December, 09:00 in New York.
    expect(
      followUpAt("2026-11-21", 14, "America/New_York", new Date("2026-11-21T12:00:00Z")).toISOString(),
    ).toBe("2026-12-07T14:00:00.000Z");
  });
  it("is never in the past when an old meeting is logged late", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(followUpAt("2026-10-01", 14, "Europe/London", now).toISOString()).toBe(now.toISOString());
  });
  it("snoozes a week, into working time", () => {
    expect(snoozedUntil(new Date("2026-11-27T18:00:00Z"), "Europe/London").toISOString()).toBe(
      "2026-12-07T09:00:00.000Z",
    );
  });
});

describe("anniversaries", () => {
  const start = new Date("2025-03-10T12:00:00Z");
  it.each([
    ["2026-03-10T11:59:59Z", null],
    ["2026-03-10T12:00:00Z", 1],
    ["2027-04-01T00:00:00Z", 2],
  ])("at %s → %s", (now, years) => {
    expect(latestAnniversary(start, new Date(now))?.years ?? null).toBe(years);
  });
});

describe("the milestone form", () => {
  it("asks for a partnership, a title and a real date", () => {
    const read = readAddForm({ partnership: "", title: " ", kind: "nonsense", due: "2027-02-30" });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors).sort()).toEqual(["due", "kind", "partnership", "title"]);
    expect(
      readAddForm({ partnership: "p", title: "Grant", kind: "grant_awarded", due: "", achieved: "yes" }),
    ).toEqual({
      ok: true,
      partnershipId: "p",
      title: "Grant",
      kind: "grant_awarded",
      dueOn: null,
      achieved: true,
    });
  });
});

describe("pickProgramme", () => {
  const list = [
    { id: "1", name: "Oncology Network" },
    { id: "2", name: "Cardio Scheme" },
  ];
  it("takes the only one, or the one named; otherwise says why", () => {
    expect(pickProgramme([list[0]!], "")).toMatchObject({ ok: true, programme: { id: "1" } });
    expect(pickProgramme(list, "cardio scheme")).toMatchObject({ ok: true, programme: { id: "2" } });
    expect(pickProgramme(list, "")).toMatchObject({ ok: false, reason: "ambiguous" });
    expect(pickProgramme(list, "x")).toMatchObject({ ok: false, reason: "unknown" });
    expect(pickProgramme([], "")).toMatchObject({ ok: false, reason: "none" });
  });
});
