// What the celebrations run needs from storage: channels, news to celebrate, members and the outbox; db/celebration-store.ts implements it.
import type { OutgoingMessage } from "../outgoing.ts";
import type { CelebrationChannel } from "./milestone-port.ts";

export interface AchievedMilestone {
  id: string;
  title: string;
  /** A milestone kind as stored; an unknown one is labelled "other". */
  kind: string;
  partnershipId: string;
  partnershipTitle: string;
  programmeId: string;
}

export interface CelebratedPartnership {
  id: string;
  title: string;
  programmeId: string;
  startedAt: Date;
}

export interface CelebrationMember {
  partnershipId: string;
  personId: string;
  /** The person asked not to be mentioned in celebrations. */
  optedOut: boolean;
}

export interface CelebrationPort {
  /** Every programme's celebration channels, one per platform and tenant. */
  channels(): Promise<CelebrationChannel[]>;
  /** Milestones of the programmes' partnerships achieved after `after` and at or before `until`. */
  achievedMilestones(input: {
    programmeIds: readonly string[];
    after: Date;
    until: Date;
  }): Promise<AchievedMilestone[]>;
  /** Active partnerships of the programmes that started at or before `startedBy`. */
  activePartnerships(input: {
    programmeIds: readonly string[];
    startedBy: Date;
  }): Promise<CelebratedPartnership[]>;
  /** Which of these dedupe keys the outbox holds already. */
  enqueuedKeys(keys: readonly string[]): Promise<Set<string>>;
  /** The partnerships' members, by name. */
  members(partnershipIds: readonly string[]): Promise<CelebrationMember[]>;
  /** Writes the posts to the outbox (a dedupe key already there is skipped); returns how many were written. */
  enqueue(messages: readonly OutgoingMessage[], now: Date): Promise<number>;
}
