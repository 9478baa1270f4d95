// The celebrations run's reads and outbox writes in Postgres: the core's CelebrationPort.
import { and, eq, gt, inArray, isNotNull, lte } from "drizzle-orm";
import type { CelebrationPort } from "../core/milestones/celebration-port.ts";
import type { CelebrationChannel } from "../core/milestones/milestone-port.ts";
import type { Db } from "./client.ts";
import { CELEBRATIONS_PURPOSE } from "./milestone-store.ts";
import { enqueueMessages } from "./outbox-store.ts";
import { milestones, outbox, partnershipMembers, partnerships, people, programmeChannels } from "./schema.ts";

export function createCelebrationStore(db: Db): CelebrationPort {
  return {
    async channels() {
      return (await db
        .select()
        .from(programmeChannels)
        .where(eq(programmeChannels.purpose, CELEBRATIONS_PURPOSE))) as CelebrationChannel[];
    },
    async achievedMilestones({ programmeIds, after, until }) {
      const rows = await db
        .select({
          id: milestones.id,
          title: milestones.title,
          kind: milestones.kind,
          partnershipId: partnerships.id,
          partnershipTitle: partnerships.title,
          programmeId: partnerships.programmeId,
        })
        .from(milestones)
        .innerJoin(partnerships, eq(partnerships.id, milestones.partnershipId))
        .where(
          and(
            isNotNull(milestones.achievedAt),
            lte(milestones.achievedAt, until),
            gt(milestones.achievedAt, after),
            inArray(partnerships.programmeId, [...programmeIds]),
          ),
        );
      // The programme filter leaves no null programme; the check only tells the type so.
      return rows.flatMap((r) => (r.programmeId ? [{ ...r, programmeId: r.programmeId }] : []));
    },
    async activePartnerships({ programmeIds, startedBy }) {
      const rows = await db
        .select({
          id: partnerships.id,
          title: partnerships.title,
          programmeId: partnerships.programmeId,
          startedAt: partnerships.startedAt,
        })
        .from(partnerships)
        .where(
          and(
            eq(partnerships.status, "active"),
            inArray(partnerships.programmeId, [...programmeIds]),
            lte(partnerships.startedAt, startedBy),
          ),
        );
      return rows.flatMap((r) => (r.programmeId ? [{ ...r, programmeId: r.programmeId }] : []));
    },
    async enqueuedKeys(keys) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .select({ key: outbox.dedupeKey })
        .from(outbox)
        .where(inArray(outbox.dedupeKey, [...keys]));
      return new Set(rows.flatMap((r) => (r.key ? [r.key] : [])));
    },
    async members(partnershipIds) {
      if (partnershipIds.length === 0) return [];
      return db
        .select({
          partnershipId: partnershipMembers.partnershipId,
          personId: partnershipMembers.personId,
          optedOut: people.celebrationsOptOut,
        })
        .from(partnershipMembers)
        .innerJoin(people, eq(people.id, partnershipMembers.personId))
        .where(inArray(partnershipMembers.partnershipId, [...partnershipIds]))
        .orderBy(people.name);
    },
    async enqueue(messages, now) {
      return (await enqueueMessages(db, messages, now)).length;
    },
  };
}
