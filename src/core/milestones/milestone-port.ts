// What milestones and celebration channels need from storage; src/db/milestone-store.ts implements it.
import type { Platform } from "../message.ts";
import type { MilestoneKind } from "./milestone-kinds.ts";

export interface PartnershipChoice {
  id: string;
  title: string;
}

export interface OpenMilestone {
  id: string;
  title: string;
  partnershipTitle: string;
  dueOn: string | null;
}

export interface NewMilestone {
  partnershipId: string;
  title: string;
  kind: MilestoneKind;
  /** YYYY-MM-DD */
  dueOn: string | null;
  achievedAt: Date | null;
  by: string;
}

export interface CelebrationChannel {
  programmeId: string;
  platform: Platform;
  tenantId: string;
  channelId: string;
  conversationRef?: unknown;
}

export interface MilestoneStore {
  /** The active partnerships the person is a member of. */
  partnershipsOf(personId: string): Promise<PartnershipChoice[]>;
  /** Milestones not yet achieved in the person's partnerships. */
  openMilestonesOf(personId: string): Promise<OpenMilestone[]>;
  /** Adds a milestone to a partnership the person belongs to; false when they do not belong to it. */
  addMilestone(milestone: NewMilestone): Promise<boolean>;
  /** Marks a milestone of one of the person's partnerships achieved; false when it is not theirs or done already. */
  markAchieved(milestoneId: string, personId: string, at: Date): Promise<boolean>;
  /** Makes a channel the programme's celebration channel on its platform and tenant (replacing any earlier one). */
  setCelebrationChannel(channel: CelebrationChannel, by: string): Promise<void>;
}
