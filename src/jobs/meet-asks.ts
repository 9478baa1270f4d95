// Job `meet-asks`: every 15 minutes, asks "Did you meet?" a week after an accepted intro (and a week after "Not yet"),
// at the partnership's local hour on a working day in each person's zone.
import type { MeetService } from "../core/meetings/create-meet-service.ts";
import type { Job } from "./job.ts";

export function createMeetAsksJob(deps: { meetings: MeetService }): Job {
  return {
    name: "meet-asks",
    cron: "*/15 * * * *",
    description: 'Asks both people "Did you meet?" a week after an accepted intro',
    async run(now) {
      const { sent, skipped } = await deps.meetings.run(now);
      return {
        summary: `${sent} "did you meet?" ${sent === 1 ? "ask" : "asks"} enqueued, ${skipped} no longer needed`,
        counts: { sent, skipped },
      };
    },
  };
}
