// The home overview as a neutral message: profile status, partnerships with their next check-in, open intros.

import { formatDate } from "../local-date.ts";
import type { Block, Message } from "../message.ts";
import { nextCheckinAt } from "../partnerships/next-checkin.ts";
import type { PartnershipView } from "../partnerships/partnership-port.ts";
import { count } from "../plural.ts";
import { PROFILE_OPEN_ACTION } from "../profile/profile-form.ts";
import type { Profile } from "../profile/profile-port.ts";
import type { OpenIntro } from "./home-port.ts";

export const HOME_FIND_ACTION = "home.find";
export const HOME_FIND_SUBMIT_ACTION = "home.find-submit";
export const HOME_NEED_INPUT = "need";
/** Enough to see at a glance; the partnerships command lists them all. */
export const HOME_MAX_LISTED = 10;

export interface HomeInput {
  profile: Profile | null;
  zone: string;
  partnerships: readonly PartnershipView[];
  intros: readonly OpenIntro[];
  now: Date;
}

function when(at: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(at);
}

function profileStatus(profile: Profile, now: Date, zone: string): string {
  if (profile.optedOut) return "Opted out: you are not suggested and get no prompts.";
  if (profile.pausedUntil && profile.pausedUntil.getTime() > now.getTime()) {
    return `Paused until ${when(profile.pausedUntil, zone)}.`;
  }
  return "Available: you can be suggested to people who need what you offer.";
}

function profileBlocks(input: HomeInput): Block[] {
  const { profile } = input;
  if (!profile) {
    return [
      {
        type: "text",
        text: "You have no profile yet. With one, I can suggest people who complement you, and suggest you to them.",
      },
    ];
  }
  return [
    {
      type: "fields",
      fields: [
        {
          label: "Profile",
          value: `${profile.name}${profile.institution ? `, ${profile.institution}` : ""}`,
        },
        { label: "Status", value: profileStatus(profile, input.now, input.zone) },
      ],
    },
  ];
}

function partnershipBlocks(input: HomeInput): Block[] {
  const mine = input.partnerships.filter((p) => p.isMember && p.status === "active");
  if (mine.length === 0) return [{ type: "text", text: "No active partnerships yet." }];
  const lines = mine.slice(0, HOME_MAX_LISTED).map((p) => {
    const next = nextCheckinAt(p, input.zone, input.now);
    const away = p.members
      .filter((m) => m.awayUntil && m.personId !== input.profile?.personId)
      .map((m) => `${m.name} away until ${formatDate(m.awayUntil!)}`);
    const awayText = away.length > 0 ? ` (${away.join("; ")})` : "";
    return `• ${p.title}: ${next ? `next check-in ${when(next, input.zone)}` : "no check-in planned"}${awayText}`;
  });
  if (mine.length > HOME_MAX_LISTED) lines.push(`…and ${mine.length - HOME_MAX_LISTED} more.`);
  return [{ type: "text", text: lines.join("\n") }];
}

function introBlocks(input: HomeInput): Block[] {
  if (input.intros.length === 0) return [{ type: "text", text: "No intros waiting for an answer." }];
  const lines = input.intros.slice(0, HOME_MAX_LISTED).map((intro) => {
    const who = intro.otherInstitution ? `${intro.otherName} (${intro.otherInstitution})` : intro.otherName;
    return intro.direction === "sent"
      ? `• You asked to meet ${who}: waiting for their answer until ${when(intro.expiresAt, input.zone)}.`
      : `• ${who} asked to meet you: answer in your messages by ${when(intro.expiresAt, input.zone)}.`;
  });
  if (input.intros.length > HOME_MAX_LISTED)
    lines.push(`…and ${input.intros.length - HOME_MAX_LISTED} more.`);
  return [{ type: "text", text: lines.join("\n") }];
}

export function homeMessage(input: HomeInput): Message {
  const active = input.partnerships.filter((p) => p.isMember && p.status === "active").length;
  return {
    summary: input.profile
      ? `${count(active, "active partnership")}, ${count(input.intros.length, "open intro")}.`
      : "You have no profile yet.",
    blocks: [
      { type: "header", text: "Your collaborations" },
      ...profileBlocks(input),
      {
        type: "actions",
        buttons: [
          { label: "Find a collaborator", actionId: HOME_FIND_ACTION, value: "home", style: "primary" },
          input.profile
            ? { label: "Edit my profile", actionId: PROFILE_OPEN_ACTION, value: "edit" }
            : { label: "Create my profile", actionId: PROFILE_OPEN_ACTION, value: "new" },
        ],
      },
      { type: "divider" },
      { type: "text", text: [{ bold: "Partnerships" }] },
      ...partnershipBlocks(input),
      { type: "text", text: [{ bold: "Open intros" }] },
      ...introBlocks(input),
      { type: "context", text: `Times are in ${input.zone}.` },
    ],
  };
}
