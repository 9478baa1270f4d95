// Celebrations as the scheduled job runs them: each recently achieved milestone and partnership anniversary, once in each celebration channel of its programme.
import type { Message, PersonRef } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { PeopleDirectory } from "../ports.ts";
import { anniversaryCelebration, latestAnniversary, milestoneCelebration } from "./celebration-messages.ts";
import type { CelebrationPort } from "./celebration-port.ts";

const DAY_MS = 86_400_000;
/** A milestone achieved longer ago than this is no longer news (e.g. when a channel is chosen later). */
export const MILESTONE_WINDOW_DAYS = 14;
/** An anniversary is celebrated within this many days of the date, so that downtime does not lose it. */
export const ANNIVERSARY_WINDOW_DAYS = 7;

/** Why nothing was posted, or that something was: the job words it. */
export type CelebrationOutcome = "no-channels" | "nothing" | "nothing-new" | "posted";

export interface CelebrationService {
  run(now: Date): Promise<{ outcome: CelebrationOutcome; posts: number }>;
}

interface Item {
  key: string;
  programmeId: string;
  kind: "celebration.milestone" | "celebration.anniversary";
  message: (members: PersonRef[]) => Message;
  partnershipId: string;
}

export function createCelebrationService(deps: {
  store: CelebrationPort;
  directory: PeopleDirectory;
}): CelebrationService {
  const { store, directory } = deps;

  /** Members as the post names them: people who opted out of celebrations are named, not mentioned. */
  async function membersOf(partnershipIds: string[]): Promise<Map<string, PersonRef[]>> {
    const byPartnership = new Map<string, PersonRef[]>();
    if (partnershipIds.length === 0) return byPartnership;
    const rows = await store.members(partnershipIds);
    const refs = await directory.personRefs(rows.map((r) => r.personId));
    for (const row of rows) {
      const ref = refs.get(row.personId);
      if (!ref) continue;
      const list = byPartnership.get(row.partnershipId) ?? [];
      list.push(row.optedOut ? { ...ref, identities: [] } : ref);
      byPartnership.set(row.partnershipId, list);
    }
    return byPartnership;
  }

  return {
    async run(now) {
      const channels = await store.channels();
      if (channels.length === 0) return { outcome: "no-channels", posts: 0 };
      const programmeIds = [...new Set(channels.map((c) => c.programmeId))];
      const items: Item[] = [];

      const achieved = await store.achievedMilestones({
        programmeIds,
        after: new Date(now.getTime() - MILESTONE_WINDOW_DAYS * DAY_MS),
        until: now,
      });
      for (const m of achieved) {
        items.push({
          key: `milestone:${m.id}`,
          programmeId: m.programmeId,
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

      const active = await store.activePartnerships({
        programmeIds,
        startedBy: new Date(now.getTime() - 365 * DAY_MS),
      });
      for (const p of active) {
        const anniversary = latestAnniversary(p.startedAt, now);
        if (!anniversary || now.getTime() - anniversary.at.getTime() > ANNIVERSARY_WINDOW_DAYS * DAY_MS)
          continue;
        items.push({
          key: `anniversary:${p.id}:${anniversary.years}`,
          programmeId: p.programmeId,
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
      if (planned.length === 0) return { outcome: "nothing", posts: 0 };
      const existing = await store.enqueuedKeys(planned.map((p) => p.dedupeKey));
      const fresh = planned.filter((p) => !existing.has(p.dedupeKey));
      if (fresh.length === 0) return { outcome: "nothing-new", posts: 0 };
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
      return { outcome: "posted", posts: await store.enqueue(messages, now) };
    },
  };
}
