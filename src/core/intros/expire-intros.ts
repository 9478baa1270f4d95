// Closes intros nobody answered within a week and tells each requester once; also forgets week-old questions.
import type { PeopleDirectory } from "../ports.ts";
import { formatDay } from "../profile/create-profile-feature.ts";
import type { ProfileStore } from "../profile/profile-port.ts";
import type { FindRequestStore } from "../suggestions/find-request-port.ts";
import { INTRO_OPEN_DAYS } from "./create-intro-feature.ts";
import { expiredNote } from "./intro-messages.ts";
import type { IntroStore } from "./intro-port.ts";

export interface ExpireIntrosDeps {
  intros: IntroStore;
  findRequests: FindRequestStore;
  profiles: ProfileStore;
  directory: PeopleDirectory;
}

const BATCH = 200;

export async function expireIntros(
  deps: ExpireIntrosDeps,
  now: Date,
): Promise<{ expired: number; questionsForgotten: number }> {
  let expired = 0;
  for (;;) {
    const due = await deps.intros.due(now, BATCH);
    if (due.length === 0) break;
    const people = [
      ...new Set(due.flatMap((i) => [i.requesterId, i.candidateId, ...(i.targetId ? [i.targetId] : [])])),
    ];
    const refs = await deps.directory.personRefs(people);
    const zones = new Map<string, string | null>();
    for (const id of new Set(due.map((i) => i.requesterId))) {
      zones.set(id, (await deps.profiles.profileOf(id))?.timezone ?? null);
    }
    const done = await deps.intros.expire(
      due.map((i) => i.id),
      now,
      (intro) => {
        const candidate = refs.get(intro.candidateId);
        // A warm-path ask names whom the co-author was asked to introduce the requester to.
        const target = intro.targetId ? refs.get(intro.targetId) : undefined;
        // The note goes once: the dedupe key holds even if another instance expires the same intro.
        return candidate
          ? [
              {
                kind: "intro.expired",
                to: { kind: "person", personId: intro.requesterId },
                dedupeKey: `intro.expired:${intro.id}`,
                message: expiredNote(
                  candidate,
                  (at) => formatDay(at, zones.get(intro.requesterId) ?? null),
                  intro.createdAt,
                  target,
                ),
              },
            ]
          : [];
      },
    );
    expired += done.length;
    if (due.length < BATCH || done.length === 0) break;
  }
  const questionsForgotten = await deps.findRequests.prune(
    new Date(now.getTime() - INTRO_OPEN_DAYS * 86_400_000),
  );
  return { expired, questionsForgotten };
}
