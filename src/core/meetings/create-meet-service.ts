// "Did you meet?" as the scheduled job runs it: each due ask goes out at the partnership's local hour on a working
// day in the person's zone (late, but still in working time, after downtime); asks about pairs that ended or met are dropped.
import { isWorkingTime, safeZone } from "../schedule/working-time.ts";
import { meetAskAt } from "./ask-time.ts";
import { meetAskOutgoing } from "./meet-messages.ts";
import type { AskDecision, DueAsk, MeetAskStore } from "./meet-port.ts";

export interface MeetService {
  /** The `meet-asks` job. */
  run(now: Date): Promise<{ sent: number; skipped: number }>;
}

export function decideAsk(ask: DueAsk, now: Date): AskDecision {
  if (ask.partnershipStatus === "ended" || ask.metAt !== null || ask.other === null) return { kind: "skip" };
  if (ask.partnershipStatus !== "active" || !ask.available) return { kind: "wait" };
  const zone = safeZone(ask.zone);
  if (now.getTime() < meetAskAt(ask.dueAt, zone, ask.localHour).getTime()) return { kind: "wait" };
  if (!isWorkingTime(now, zone)) return { kind: "wait" };
  return {
    kind: "send",
    message: meetAskOutgoing({
      askId: ask.id,
      personId: ask.personId,
      other: ask.other,
      round: ask.round,
      programmeId: ask.programmeId,
    }),
  };
}

export function createMeetService(deps: { store: MeetAskStore }): MeetService {
  return {
    run: (now) => deps.store.sendDue(now, (ask) => decideAsk(ask, now)),
  };
}
