// Job `celebrations`: posts each recently achieved milestone and partnership anniversary once in each celebration channel of its programme.
import { and, eq, gt, inArray, isNotNull, lte } from "drizzle-orm";
import type { Message, PersonRef, Platform } from "../core/message.ts";
import {
  anniversaryCelebration,
  latestAnniversary,
  milestoneCelebration,
} from "../core/milestones/celebration-messages.ts";
import type { OutgoingMessage } from "../core/outgoing.ts";
import type { PeopleDirectory } from "../core/ports.ts";
import type { Db } from "../db/client.ts";
import { CELEBRATIONS_PURPOSE } from "../db/milestone-store.ts";
import { enqueueMessages } from "../db/outbox-store.ts";
import { createPeopleDirectory } from "../db/people-directory.ts";
import {
  milestones,
  outbox,
  partnershipMembers,
  partnerships,
  people,
  programmeChannels,
} from "../db/schema.ts";
import type { Job } from "./job.ts";

const DAY_MS = 86_400_000;
/** A milestone achieved longer ago than this is no longer news (e.g. when a channel is chosen later). */
export const MILESTONE_WINDOW_DAYS = 14;
/** An anniversary is celebrated within this many days of the date, so that downtime does not lose it. */
export const ANNIVERSARY_WINDOW_DAYS = 7;

interface Channel {
  programmeId: string;
  platform: Platform;
  tenantId: string;
  channelId: string;
  conversationRef: unknown;
}

interface Item {
  key: string;
  programmeId: string;
  kind: "celebration.milestone" | "celebration.anniversary";
  message: (members: PersonRef[]) => Message;
  partnershipId: string;
}

export function createCelebrationsJob(deps: { db: Db; people?: PeopleDirectory }): Job {
  const { db } = deps;
  const directory = deps.people ?? createPeopleDirectory(db);

  /** Members as the post names them: people who opted out of celebrations are named, not mentioned. */
  async function membersOf(partnershipIds: string[]): Promise<Map<string, PersonRef[]>> {
    const byPartnership = new Map<string, PersonRef[]>();
    if (partnershipIds.length === 0) return byPartnership;
    const rows = await db
      .select({
        partnershipId: partnershipMembers.partnershipId,
        personId: partnershipMembers.personId,
        optOut: people.celebrationsOptOut,
        name: people.name,
      })
      .from(partnershipMembers)
      .innerJoin(people, eq(people.id, partnershipMembers.personId))
      .where(inArray(partnershipMembers.partnershipId, partnershipIds))
      .orderBy(people.name);
    const refs = await directory.personRefs(rows.map((r) => r.personId));
    for (const row of rows) {
      const ref = refs.get(row.personId);
      if (!ref) continue;
      const list = byPartnership.get(row.partnershipId) ?? [];
      list.push(row.optOut ? { ...ref, identities: [] } : ref);
      byPartnership.set(row.partnershipId, list);
    }
    return byPartnership;
  }

  return {
    name: "celebrations",
    cron: "*/5 * * * *",
    description: "Post achieved milestones and partnership anniversaries in programmes' celebration channels",
    async run(now) {
      const channels = (await db
        .select()
        .from(programmeChannels)
        .where(eq(programmeChannels.purpose, CELEBRATIONS_PURPOSE))) as Channel[];
      if (channels.length === 0) return { summary: "no celebration channels yet", counts: { posts: 0 } };
      const programmeIds = [...new Set(channels.map((c) => c.programmeId))];
      const items: Item[] = [];

      const achieved = await db
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
            lte(milestones.achievedAt, now),
            gt(milestones.achievedAt, new Date(now.getTime() - MILESTONE_WINDOW_DAYS * DAY_MS)),
            inArray(partnerships.programmeId, programmeIds),
          ),
        );
      for (const m of achieved) {
        items.push({
          key: `milestone:${m.id}`,
          programmeId: m.programmeId!,
          kind: "celebration.milestone",
          partnershipId: m.partnershipId,
          message: (members) =>
            milestoneCelebration({
              partnershipTitle: m.partnershipTitle,
              title: m.title,
              kind: m.kind,
              members,
            }),
        });
      }

      const active = await db
        .select()
        .from(partnerships)
        .where(
          and(
            eq(partnerships.status, "active"),
            inArray(partnerships.programmeId, programmeIds),
            lte(partnerships.startedAt, new Date(now.getTime() - 365 * DAY_MS)),
          ),
        );
      for (const p of active) {
        const anniversary = latestAnniversary(p.startedAt, now);
        if (!anniversary || now.getTime() - anniversary.at.getTime() > ANNIVERSARY_WINDOW_DAYS * DAY_MS)
          continue;
        items.push({
          key: `anniversary:${p.id}:${anniversary.years}`,
          programmeId: p.programmeId!,
          kind: "celebration.anniversary",
          partnershipId: p.id,
          message: (members) =>
            anniversaryCelebration({ partnershipTitle: p.title, years: anniversary.years, members }),
        });
      }

      // One post per item and channel of its own programme; the dedupe key makes it once across runs and instances.
      const planned = items.flatMap((item) =>
        channels
          .filter((c) => c.programmeId === item.programmeId)
          .map((c) => ({
            item,
            channel: c,
            dedupeKey: `celebrate:${item.key}:${c.platform}:${c.tenantId}:${c.channelId}`,
          })),
      );
      if (planned.length === 0) return { summary: "nothing to celebrate", counts: { posts: 0 } };
      const existing = new Set(
        (
          await db
            .select({ key: outbox.dedupeKey })
            .from(outbox)
            .where(
              inArray(
                outbox.dedupeKey,
                planned.map((p) => p.dedupeKey),
              ),
            )
        ).map((r) => r.key),
      );
      const fresh = planned.filter((p) => !existing.has(p.dedupeKey));
      if (fresh.length === 0) return { summary: "nothing new to celebrate", counts: { posts: 0 } };
      const members = await membersOf([...new Set(fresh.map((p) => p.item.partnershipId))]);
      const messages: OutgoingMessage[] = fresh.map(({ item, channel, dedupeKey }) => ({
        kind: item.kind,
        dedupeKey,
        to: {
          kind: "channel",
          platform: channel.platform,
          tenantId: channel.tenantId,
          channelId: channel.channelId,
          ...(channel.conversationRef ? { conversationRef: channel.conversationRef } : {}),
        },
        message: item.message(members.get(item.partnershipId) ?? []),
      }));
      const ids = await enqueueMessages(db, messages, now);
      return { summary: `${ids.length} celebration posts enqueued`, counts: { posts: ids.length } };
    },
  };
}
