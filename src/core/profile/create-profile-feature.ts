// `/collab profile`, `pause <duration>`, `opt-out` and `resume`: a person keeps their own profile and availability.

import type { DoorTraits } from "../door-traits.ts";
import type { ActionContext, CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import { type Block, formAgain, type Platform } from "../message.ts";
import type { Log } from "../ports.ts";
import { isTooLong, MAX_PAUSE_DAYS, parseDuration, pauseEnd } from "./parse-duration.ts";
import { PROFILE_OPEN_ACTION, PROFILE_SAVE_ACTION, profileForm, readProfileForm } from "./profile-form.ts";
import type { OwnPaper, ProfileChanges, ProfileStore, TimezoneLookup } from "./profile-port.ts";
import { profileFields } from "./profile-summary.ts";

export interface ProfileFeatureDeps {
  profiles: ProfileStore;
  changes: ProfileChanges;
  /** Platforms that can tell a person's time zone on request (Slack users.info). */
  timezones?: Partial<Record<Platform, TimezoneLookup>>;
  log: Log;
  /** The patient-data guard, knowing members' email addresses. */
  freeText: FreeTextGuard;
}

/** A message with a button that opens the profile form: for people who need a profile first. */
export function createProfilePrompt(text: string): Reply {
  return {
    kind: "message",
    message: {
      summary: text,
      blocks: [
        { type: "text", text },
        {
          type: "actions",
          buttons: [
            { label: "Create my profile", actionId: PROFILE_OPEN_ACTION, value: "new", style: "primary" },
          ],
        },
      ],
    },
  };
}

export function formatDay(at: Date, timezone: string | null): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: timezone ?? "UTC",
  }).format(at);
}

export const PAPER_HIDE_ACTION = "profile.paper.hide";
export const PAPER_SHOW_ACTION = "profile.paper.show";
/** Papers listed by `papers`, newest first. */
const PAPERS_SHOWN = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function paperLine(paper: OwnPaper): string {
  const where = [paper.journal, paper.year].filter((part) => part !== null && part !== "").join(", ");
  return `${paper.title}${where ? ` (${where})` : ""}${paper.hidden ? " — hidden" : ""}`;
}

/** Your papers, each with Hide or Show: a hidden paper no longer says what you work on. */
export function papersMessage(papers: readonly OwnPaper[], publicationsOff: boolean, door: DoorTraits) {
  const blocks: Block[] = [{ type: "header", text: "Your publications" }];
  if (papers.length === 0) {
    blocks.push({
      type: "text",
      text: "No papers of yours are known yet. Add your ORCID iD to your profile; your coordinator imports papers from PubMed and ORCID.",
    });
  }
  if (publicationsOff) {
    blocks.push({
      type: "context",
      text: `Publications are turned off in your profile, so none of these is used; \`${commandUsage(door, "profile")}\` turns them on.`,
    });
  }
  for (const paper of papers) {
    blocks.push(
      { type: "text", text: paperLine(paper) },
      {
        type: "actions",
        buttons: [
          paper.hidden
            ? { label: "Show", actionId: PAPER_SHOW_ACTION, value: paper.publicationId }
            : { label: "Hide", actionId: PAPER_HIDE_ACTION, value: paper.publicationId },
        ],
      },
    );
  }
  return { summary: "Your publications", blocks };
}

export function createProfileFeature(deps: ProfileFeatureDeps): CoreFeature {
  const { profiles, changes } = deps;

  /** What the platform says the person's time zone is: recorded on contact, else asked for once. */
  async function platformTimezone(context: CommandContext | ActionContext): Promise<string | null> {
    const address = context.actor.address;
    if (context.actor.timezone) return context.actor.timezone;
    const recorded = await profiles.platformTimezone(address);
    if (recorded) return recorded;
    const lookup = deps.timezones?.[address.platform];
    if (!lookup) return null;
    try {
      const zone = await lookup.timezoneOf(address);
      if (!zone) return null;
      await profiles.recordPlatformTimezone(address, zone);
      return zone;
    } catch (error) {
      deps.log.warn({ err: (error as Error).message, platform: address.platform }, "Time zone lookup failed");
      return null;
    }
  }

  async function openForm(context: CommandContext | ActionContext): Promise<Reply> {
    const profile = context.personId ? await profiles.profileOf(context.personId) : null;
    const zone = profile?.timezone ? null : await platformTimezone(context);
    return {
      kind: "form",
      form: profileForm({
        profile,
        platformTimezone: zone,
        ...(context.actor.displayName ? { displayName: context.actor.displayName } : {}),
      }),
    };
  }

  async function save(context: ActionContext): Promise<Reply> {
    const current = context.personId ? await profiles.profileOf(context.personId) : null;
    const fallbackZone = current?.timezone ?? (await platformTimezone(context));
    const submission = await readProfileForm(context.inputs, fallbackZone, deps.freeText);
    if (!submission.ok) {
      const form = profileForm({ profile: current, platformTimezone: fallbackZone });
      return {
        kind: "invalid",
        errors: submission.errors,
        form: formAgain(form, context.inputs, submission.errors),
      };
    }
    const personId = await profiles.saveOwnProfile(
      context.actor.address,
      context.personId,
      submission.fields,
    );
    changes.changed([personId]);
    const saved = await profiles.profileOf(personId);
    const door = context.actor.door;
    const blocks: Block[] = [
      { type: "text", text: [{ bold: current ? "Profile updated." : "Profile created." }] },
      ...(saved ? profileFields(saved, { withNeeds: true }) : []),
      {
        type: "context",
        text: `Try \`${commandUsage(door, "find-collaborator <what you need>")}\`; edit with \`${commandUsage(door, "profile")}\`.`,
      },
    ];
    return {
      kind: "message",
      message: { summary: current ? "Profile updated." : "Profile created.", blocks },
    };
  }

  const noProfile = (door: DoorTraits) =>
    createProfilePrompt(
      `You don't have a profile yet, so you are not suggested to anyone. Create one first; \`${commandUsage(door, "help")}\` lists the rest.`,
    );

  async function setAvailability(
    context: CommandContext,
    availability: { optedOut: boolean; pausedUntil: Date | null },
  ) {
    await profiles.setAvailability(context.personId!, availability);
    changes.changed([context.personId!]);
  }

  async function listPapers(context: CommandContext | ActionContext) {
    const profile = context.personId ? await profiles.profileOf(context.personId) : null;
    if (!profile) return null;
    const papers = await profiles.papersOf(profile.personId, PAPERS_SHOWN);
    return papersMessage(papers, profile.publicationsOff, context.actor.door);
  }

  const setHidden =
    (hidden: boolean) =>
    async (context: ActionContext): Promise<Reply> => {
      if (!context.personId || !UUID.test(context.value)) return textReply("That paper is not one of yours.");
      const changed = await profiles.setPaperHidden(context.personId, context.value, hidden);
      if (!changed) return textReply("That paper is not one of yours.");
      changes.changed([context.personId]);
      const message = await listPapers(context);
      return message ? { kind: "update", message } : { kind: "none" };
    };

  return {
    commands: [
      {
        name: "papers",
        access: "anyone",
        usage: "papers",
        description: "See the papers that describe you, and hide any that should not.",
        async run(context) {
          const message = await listPapers(context);
          return message ? { kind: "message", message } : noProfile(context.actor.door);
        },
      },
      {
        name: "profile",
        // Someone without a profile is offered the form instead of a refusal.
        access: "anyone",
        usage: "profile",
        description: "Create or edit your profile: what you know, offer and look for.",
        run: openForm,
      },
      {
        name: "pause",
        access: "anyone",
        usage: "pause <duration>",
        description: "Take a break from suggestions and prompts, e.g. `pause 2w`, `pause 1 month`.",
        async run(context) {
          const door = context.actor.door;
          const duration = parseDuration(context.args);
          const usage = commandUsage(door, "pause");
          if (!duration) {
            return textReply(
              `Tell me how long, in days, weeks or months: \`${usage} 10d\`, \`${usage} 2w\` or \`${usage} 1 month\` (up to a year).`,
            );
          }
          const until = pauseEnd(context.now, duration);
          if (isTooLong(context.now, until)) {
            return textReply(
              `A pause lasts at most ${MAX_PAUSE_DAYS} days. To step away for longer, use \`${commandUsage(door, "opt-out")}\`.`,
            );
          }
          if (!context.personId) return noProfile(door);
          const profile = await profiles.profileOf(context.personId);
          if (!profile) return noProfile(door);
          await setAvailability(context, { optedOut: profile.optedOut, pausedUntil: until });
          return textReply(
            `Paused until ${formatDay(until, profile.timezone)}: I won't suggest you or send you prompts until then. ` +
              `\`${commandUsage(door, "resume")}\` brings you back sooner.`,
          );
        },
      },
      {
        name: "opt-out",
        access: "anyone",
        aliases: ["optout"],
        usage: "opt-out",
        description: "Stop being suggested and prompted, until you resume.",
        async run(context) {
          const door = context.actor.door;
          if (!context.personId || !(await profiles.profileOf(context.personId))) return noProfile(door);
          await setAvailability(context, { optedOut: true, pausedUntil: null });
          return textReply(
            `Done: I won't suggest you to anyone or send you prompts. Your profile stays; \`${commandUsage(door, "resume")}\` brings you back.`,
          );
        },
      },
      {
        name: "resume",
        access: "anyone",
        usage: "resume",
        description: "Come back after a pause or opt-out.",
        async run(context) {
          const door = context.actor.door;
          if (!context.personId || !(await profiles.profileOf(context.personId))) return noProfile(door);
          await setAvailability(context, { optedOut: false, pausedUntil: null });
          return textReply("Welcome back: you can be suggested again, and prompts will reach you.");
        },
      },
    ],
    actions: [
      { actionId: PROFILE_OPEN_ACTION, access: "anyone", presses: { kind: "reads" }, run: openForm },
      // Saving writes the form's values over the profile: sending it again leaves the same profile.
      { actionId: PROFILE_SAVE_ACTION, access: "anyone", presses: { kind: "sets" }, run: save },
      { actionId: PAPER_HIDE_ACTION, access: "anyone", presses: { kind: "sets" }, run: setHidden(true) },
      { actionId: PAPER_SHOW_ACTION, access: "anyone", presses: { kind: "sets" }, run: setHidden(false) },
    ],
  };
}
