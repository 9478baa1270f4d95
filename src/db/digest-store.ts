// Coordinators' digest settings, the digest's buttons (nudge, pause) and the once-only claim and send of a scheduled digest.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DigestStore } from "../core/digest/digest-port.ts";
import type { ScheduledCoordinator, ScheduledDigestPort } from "../core/digest/scheduled-digest-port.ts";
import { safeZone } from "../core/schedule/working-time.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { loadDigestSnapshot } from "./digest-queries.ts";
import { enqueueMessages } from "./outbox-store.ts";
import { rowsOf } from "./rows.ts";
import { partnershipMembers, partnerships, programmeMembers } from "./schema.ts";

export type CoordinatorRow = ScheduledCoordinator;

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

interface RawCoordinator {
  programme_id: string;
  name: string;
  person_id: string;
  digest_weekday: number;
  digest_hour: number;
  last_digest_at: unknown;
  created_at: unknown;
  timezone: string | null;
  country: string | null;
  region: string | null;
}

/**
 * Coordinators with their settings and zone: the profile's time zone, else the one their chat platform reported
 * most recently, else UTC. `personId` narrows to one person, `programmeId` to one programme.
 */
export async function coordinatorRows(
  db: Db,
  filter: { personId?: string; programmeId?: string } = {},
): Promise<CoordinatorRow[]> {
  const result = await db.execute(sql`
    select pm.programme_id, pr.name, pm.person_id, pm.digest_weekday, pm.digest_hour, pm.last_digest_at, pm.created_at,
      pe.country, pe.region,
      coalesce(nullif(pe.timezone, ''), (
        select ci.platform_timezone from chat_identities ci
        where ci.person_id = pe.id and ci.platform_timezone is not null
        order by ci.last_seen_at desc nulls last limit 1
      )) as timezone
    from programme_members pm
    join programmes pr on pr.id = pm.programme_id
    join people pe on pe.id = pm.person_id
    where pm.role = 'coordinator'
      ${filter.personId ? sql`and pm.person_id = ${filter.personId}` : sql``}
      ${filter.programmeId ? sql`and pm.programme_id = ${filter.programmeId}` : sql``}
    order by pr.name, pm.person_id`);
  return rowsOf<RawCoordinator>(result).map((row) => ({
    id: row.programme_id,
    name: row.name,
    personId: row.person_id,
    weekday: Number(row.digest_weekday),
    hour: Number(row.digest_hour),
    lastDigestAt: row.last_digest_at ? toDate(row.last_digest_at) : null,
    createdAt: toDate(row.created_at),
    timezone: safeZone(row.timezone),
    country: row.country,
    region: row.region,
  }));
}

/**
 * Locks one coordinator's row if its last digest is still older than `slot` (another instance holding the lock,
 * or having sent it already, means null), then stamps it; use inside the transaction that enqueues the digest.
 */
export async function claimDigest(
  tx: Db,
  input: { programmeId: string; personId: string; slot: Date; now: Date },
): Promise<{ lastDigestAt: Date | null } | null> {
  const slot = input.slot.toISOString();
  const locked = rowsOf<{ last_digest_at: unknown }>(
    await tx.execute(sql`
      select last_digest_at from programme_members
      where programme_id = ${input.programmeId} and person_id = ${input.personId} and role = 'coordinator'
        and coalesce(last_digest_at, created_at) < ${slot}::timestamptz
      for update skip locked`),
  );
  if (locked.length === 0) return null;
  await tx
    .update(programmeMembers)
    .set({ lastDigestAt: input.now })
    .where(
      and(
        eq(programmeMembers.programmeId, input.programmeId),
        eq(programmeMembers.personId, input.personId),
        eq(programmeMembers.role, "coordinator"),
      ),
    );
  const last = locked[0]!.last_digest_at;
  return { lastDigestAt: last ? toDate(last) : null };
}

export function createDigestStore(db: Db): DigestStore {
  return {
    async coordinatedProgrammes(personId) {
      return coordinatorRows(db, { personId });
    },
    snapshot: (input) => loadDigestSnapshot(db, input),
    async saveSettings({ personId, programmeId, weekday, hour }) {
      const rows = await db
        .update(programmeMembers)
        .set({ digestWeekday: weekday, digestHour: hour })
        .where(
          and(
            eq(programmeMembers.programmeId, programmeId),
            eq(programmeMembers.personId, personId),
            eq(programmeMembers.role, "coordinator"),
          ),
        )
        .returning({ id: programmeMembers.programmeId });
      return rows.length > 0;
    },
    async recordSent({ coordinatorId, platform, programmeId, trigger, counts }) {
      await recordAudit(db, {
        actor: trigger === "scheduled" ? "system" : coordinatorId,
        platform,
        action: "digest.send",
        subject: programmeId,
        details: { coordinatorId, trigger, ...counts },
      });
    },
    async partnership(partnershipId) {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.id, partnershipId));
      if (!row) return null;
      const members = await db
        .select({ personId: partnershipMembers.personId })
        .from(partnershipMembers)
        .where(eq(partnershipMembers.partnershipId, partnershipId))
        .orderBy(asc(partnershipMembers.joinedAt), asc(partnershipMembers.personId));
      return {
        id: row.id,
        title: row.title,
        programmeId: row.programmeId,
        status: row.status,
        memberIds: members.map((m) => m.personId),
      };
    },
    async nudge({ partnershipId, by, platform, messages }) {
      return db.transaction(async (tx) => {
        const ids = await enqueueMessages(tx, messages);
        await recordAudit(tx, {
          actor: by,
          platform,
          action: "partnership.nudge",
          subject: partnershipId,
          details: { enqueued: ids.length },
        });
        return ids.length;
      });
    },
    async pause({ partnershipId, by, platform }) {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(partnerships)
          .set({ status: "paused" })
          .where(and(eq(partnerships.id, partnershipId), eq(partnerships.status, "active")))
          .returning({ id: partnerships.id });
        if (rows.length === 0) return false;
        await recordAudit(tx, {
          actor: by,
          platform,
          action: "partnership.pause",
          subject: partnershipId,
          details: { from: "digest" },
        });
        return true;
      });
    },
  };
}

export function createScheduledDigestStore(db: Db): ScheduledDigestPort {
  return {
    coordinators: () => coordinatorRows(db),
    async sendScheduled({ coordinator, slot, now }, composer) {
      return db.transaction(async (tx) => {
        const claim = await claimDigest(tx, {
          programmeId: coordinator.id,
          personId: coordinator.personId,
          slot,
          now,
        });
        if (!claim) return false;
        const snapshot = await loadDigestSnapshot(tx, {
          programme: { id: coordinator.id, name: coordinator.name },
          period: composer.period(claim.lastDigestAt),
          now,
          timezone: coordinator.timezone,
        });
        const { message, counts } = composer.compose(snapshot);
        await enqueueMessages(tx, [message], now);
        await recordAudit(tx, {
          actor: "system",
          platform: "system",
          action: "digest.send",
          subject: coordinator.id,
          details: { coordinatorId: coordinator.personId, trigger: "scheduled", ...counts },
        });
        return true;
      });
    },
  };
}
