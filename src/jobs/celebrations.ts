// Job `celebrations`: posts each recently achieved milestone and partnership anniversary once in each celebration channel of its programme.

import type {
  CelebrationOutcome,
  CelebrationService,
} from "../core/milestones/create-celebration-service.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

const quiet: Record<Exclude<CelebrationOutcome, "posted">, string> = {
  "no-channels": "no celebration channels yet",
  nothing: "nothing to celebrate",
  "nothing-new": "nothing new to celebrate",
};

export function createCelebrationsJob(deps: { celebrations: CelebrationService }): Job {
  return {
    name: "celebrations",
    cron: "*/5 * * * *",
    description: "Post achieved milestones and partnership anniversaries in programmes' celebration channels",
    async run(now) {
      const { outcome, posts } = await deps.celebrations.run(now);
      return {
        summary: outcome === "posted" ? `${count(posts, "celebration post")} enqueued` : quiet[outcome],
        counts: { posts },
      };
    },
  };
}
