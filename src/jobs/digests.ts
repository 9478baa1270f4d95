// Job `digests`: each coordinator whose local digest day and hour has come since their last digest gets one, once.

import type { DigestService } from "../core/digest/create-digest-service.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

export function createDigestsJob(deps: { digests: DigestService }): Job {
  return {
    name: "digests",
    cron: "*/15 * * * *",
    description: "Sends each programme coordinator their digest at their local day and hour.",
    async run(now) {
      const { sent, failed } = await deps.digests.run(now);
      return {
        summary: `${count(sent, "digest")} enqueued${failed > 0 ? `, ${failed} failed` : ""}`,
        counts: { sent, failed },
      };
    },
  };
}
