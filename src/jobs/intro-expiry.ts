// The intro-expiry job: every 15 minutes, closes intros unanswered for a week and tells each requester once.

import { type ExpireIntrosDeps, expireIntros } from "../core/intros/expire-intros.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

export function createIntroExpiryJob(deps: ExpireIntrosDeps): Job {
  return {
    name: "intro-expiry",
    cron: "*/15 * * * *",
    description: "Closes intro requests unanswered for a week and tells the requester.",
    async run(now) {
      const { expired, questionsForgotten } = await expireIntros(deps, now);
      return {
        summary: `${count(expired, "intro request")} expired, ${count(questionsForgotten, "old question")} forgotten`,
        counts: { expired, questionsForgotten },
      };
    },
  };
}
