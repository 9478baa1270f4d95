// `/find-collaborator <need>`: up to five people who complement the asker, each with a reason and a Request intro button.

import type { CommandContext, CoreFeature, Reply } from "../feature.ts";
import { textReply } from "../feature.ts";
import type { FreeTextGuard } from "../free-text.ts";
import { commandUsage } from "../help.ts";
import type { PersonRef } from "../message.ts";
import type { PeopleDirectory } from "../ports.ts";
import { createProfilePrompt, formatDay } from "../profile/create-profile-feature.ts";
import { TEXT_LIMITS } from "../text-limits.ts";
import type { LiveMatchIndex } from "./create-live-match-index.ts";
import type { FindRequestStore } from "./find-request-port.ts";
import { lowerPoorFits, type PoorFits } from "./pair-penalty.ts";
import { noSuggestionsMessage, suggestionsMessage } from "./suggestion-message.ts";
import type { WarmPaths } from "./warm-path-port.ts";

export const NEED_MAX = TEXT_LIMITS.need;
const NEEDS_PROFILE =
  "To suggest people who complement you, I need to know a little about you first: it takes a minute.";
export const SUGGESTIONS_SHOWN = 5;

export interface FindFeatureDeps {
  /** Co-authors shared with the requester: "ask them for an intro". Without it, suggestions have none. */
  warmPaths?: WarmPaths;
  matches: LiveMatchIndex;
  directory: PeopleDirectory;
  findRequests: FindRequestStore;
  /**
   * After a start the first query builds the index (seconds at 100,000 profiles). Slack gets its ack at once and
   * the answer later, but Teams waits for the answer in its request (about 15 s): past this wait the asker is
   * told to ask again while the build goes on (default 10 s).
   */
  coldStartWaitMs?: number;
  /** The patient-data guard, knowing members' email addresses. */
  freeText: FreeTextGuard;
  /** Pairs who were "not a good fit": lowered in each other's suggestions. */
  poorFits?: PoorFits;
}

/** Resolves true when the index is ready within `ms`, false otherwise (the build carries on). */
async function readyWithin(matches: LiveMatchIndex, now: Date, ms: number): Promise<boolean> {
  if (matches.ready) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const building = matches.refresh(now).then(() => true as const);
  // A failure after the wait is for the next query to report; before it, the race throws it.
  building.catch(() => {});
  try {
    return await Promise.race([building, late]);
  } finally {
    clearTimeout(timer);
  }
}

function howToAsk(context: CommandContext, tooLong: boolean): Reply {
  const usage = commandUsage(context.actor.door, "find-collaborator");
  const first = tooLong
    ? `That is more than ${NEED_MAX.toLocaleString("en")} characters: say what you need in a sentence or two.`
    : "Tell me what you need in a sentence.";
  return textReply(
    `${first} For example: \`${usage} biostatistician for a breast cancer cohort study\` or ` +
      `\`${usage} qualitative researcher to run patient interviews\`. I suggest up to five people and say why.`,
  );
}

export function createFindFeature(deps: FindFeatureDeps): CoreFeature {
  return {
    commands: [
      {
        name: "find-collaborator",
        // Someone without a profile is guided to make one rather than refused.
        access: "anyone",
        usage: "find-collaborator <need>",
        description: "Suggests people who complement you, each with a reason.",
        async run(context) {
          const need = context.args.trim();
          if (need === "") return howToAsk(context, false);
          if (need.length > NEED_MAX) return howToAsk(context, true);
          if (!context.personId) {
            return createProfilePrompt(NEEDS_PROFILE);
          }
          // The need is stored with the suggestions (for the intro), so it is checked first and never logged.
          const verdict = await deps.freeText.check(need);
          if (!verdict.ok) return textReply(verdict.reason);

          if (!(await readyWithin(deps.matches, context.now, deps.coldStartWaitMs ?? 10_000))) {
            return textReply(
              "One moment: I'm reading everyone's profiles after a restart. Please ask again in a few seconds.",
            );
          }
          const poorFits = (await deps.poorFits?.poorFitsOf(context.personId)) ?? new Set<string>();
          // Asked for a few more when some pair is lowered, so that others can take its place.
          const { requester, suggestions: ranked } = await deps.matches.suggest<PersonRef>(
            context.personId,
            need,
            { now: context.now, limit: SUGGESTIONS_SHOWN + poorFits.size, lowered: poorFits },
            (ids) => deps.directory.personRefs(ids),
          );
          const suggestions = lowerPoorFits(ranked, poorFits, SUGGESTIONS_SHOWN);
          if (!requester) {
            return createProfilePrompt(NEEDS_PROFILE);
          }
          if (suggestions.length === 0) return { kind: "message", message: noSuggestionsMessage(need) };
          const candidateIds = suggestions.map((s) => s.suggestion.personId);
          const paths = (await deps.warmPaths?.sharedCoauthors(requester.id, candidateIds)) ?? new Map();
          const viaRefs = await deps.directory.personRefs([...new Set(paths.values())]);
          // A shared co-author may be asked for an intro too: the intro flow honours the people recorded here.
          const findRequestId = await deps.findRequests.record(
            requester.id,
            need,
            [...candidateIds, ...viaRefs.keys()],
            context.now,
          );
          const via = new Map<string, PersonRef>();
          for (const [candidate, viaId] of paths) {
            const ref = viaRefs.get(viaId);
            if (ref) via.set(candidate, ref);
          }
          const resume = commandUsage(context.actor.door, "resume");
          const note = requester.optedOut
            ? `You have opted out, so you are not suggested to others; \`${resume}\` brings you back.`
            : requester.pausedUntil && requester.pausedUntil > context.now
              ? `You are paused until ${formatDay(requester.pausedUntil, null)}, so you are not suggested to others; \`${resume}\` brings you back.`
              : undefined;
          return {
            kind: "message",
            message: suggestionsMessage({ need, findRequestId, suggestions, via, ...(note ? { note } : {}) }),
          };
        },
      },
    ],
  };
}
