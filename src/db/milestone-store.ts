// Milestones of partnerships and programmes' celebration channels in Postgres; reads partnerships from the schema.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { MilestoneStore } from "../core/milestones/milestone-port.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { milestones, partnershipMembers, partnerships, programmeChannels } from "./schema.ts";

export const CELEBRATIONS_PURPOSE = "celebrations";

async function isMember(db: Db, partnershipId: string, personId: string): Promise<boolean> {
  const rows = await db
    .select({ id: partnershipMembers.partnershipId })
    .from(partnershipMembers)
    .where(
      and(eq(partnershipMembers.partnershipId, partnershipId), eq(partnershipMembers.personId, personId)),
    );
  return rows.length > 0;
}

export function createMilestoneStore(db: Db): MilestoneStore {
  return {
    async partnershipsOf(personId) {
      return db
        .select({ id: partnerships.id, title: partnerships.title })
        .from(partnershipMembers)
        .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
        .where(and(eq(partnershipMembers.personId, personId), eq(partnerships.status, "active")))
        .orderBy(asc(partnerships.title));
    },
    async openMilestonesOf(personId) {
      return db
        .select({
          id: milestones.id,
          title: milestones.title,
          partnershipTitle: partnerships.title,
          dueOn: milestones.dueOn,
        })
        .from(milestones)
        .innerJoin(partnerships, eq(partnerships.id, milestones.partnershipId))
        .innerJoin(partnershipMembers, eq(partnershipMembers.partnershipId, partnerships.id))
        .where(and(eq(partnershipMembers.personId, personId), isNull(milestones.achievedAt)))
        .orderBy(asc(partnerships.title), asc(milestones.dueOn), asc(milestones.title));
    },
    async addMilestone(milestone) {
      if (!(await isMember(db, milestone.partnershipId, milestone.by))) return false;
      await db.insert(milestones).values({
        partnershipId: milestone.partnershipId,
        title: milestone.title,
        kind: milestone.kind,
        dueOn: milestone.dueOn,
        achievedAt: milestone.achievedAt,
        achievedBy: milestone.achievedAt ? milestone.by : null,
      });
      return true;
    },
    async markAchieved(milestoneId, personId, at) {
      const [row] = await db.select().from(milestones).where(eq(milestones.id, milestoneId));
      if (!row || row.achievedAt || !(await isMember(db, row.partnershipId, personId))) return false;
      const updated = await db
        .update(milestones)
        .set({ achievedAt: at, achievedBy: personId })
        .where(and(eq(milestones.id, milestoneId), isNull(milestones.achievedAt)))
        .returning({ id: milestones.id });
      return updated.length > 0;
    },
    async setCelebrationChannel(channel, by) {
      await db.transaction(async (tx) => {
        const values = {
          programmeId: channel.programmeId,
          purpose: CELEBRATIONS_PURPOSE,
          platform: channel.platform,
          tenantId: channel.tenantId,
          channelId: channel.channelId,
          conversationRef: channel.conversationRef ?? null,
        };
        await tx
          .insert(programmeChannels)
          .values(values)
          .onConflictDoUpdate({
            target: [
              programmeChannels.programmeId,
              programmeChannels.purpose,
              programmeChannels.platform,
              programmeChannels.tenantId,
            ],
            set: { channelId: values.channelId, conversationRef: values.conversationRef },
          });
        await recordAudit(tx, {
          actor: by,
          platform: channel.platform,
          action: "programme.celebration-channel",
          subject: channel.programmeId,
          details: { channelId: channel.channelId },
        });
      });
    },
  };
}
