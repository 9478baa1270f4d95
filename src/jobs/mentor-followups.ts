// Job `mentor-followups`: asks mentors to follow up when due (in their working time, once per due instant) and nudges silent pairs once.

import type { FollowUpService } from "../core/mentoring/create-followup-service.ts";
import { count } from "../core/plural.ts";
import type { Job } from "./job.ts";

export function createMentorFollowupsJob(deps: { followUps: FollowUpService }): Job {
  return {
    name: "mentor-followups",
    cron: "*/15 * * * *",
    description: "Ask mentors to follow up after a meeting, and nudge pairs who have not met for a long time",
    async run(now) {
      const { prompts, nudges } = await deps.followUps.run(now);
      return {
        summary: `${count(prompts, "follow-up prompt")}, ${count(nudges, "nudge")} enqueued`,
        counts: { prompts, nudges },
      };
    },
  };
}
