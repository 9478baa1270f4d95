// The outbox: enqueue messages inside the caller's transaction, claim due ones for delivery, record outcomes.
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Platform } from "../core/message.ts";
import type { Delivery, DeliveryTarget, OutgoingMessage } from "../core/outgoing.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";
import { chatIdentities, outbox } from "./schema.ts";

interface Route {
  platform: Platform;
  tenantId: string;
  target: DeliveryTarget;
  unreachable?: string;
}

/** The identity to reach a person on: the one they used last, where the bot is able to write to them. */
async function routeToPerson(db: Db, personId: string): Promise<Route> {
  const identities = await db
    .select()
    .from(chatIdentities)
    .where(and(eq(chatIdentities.personId, personId)))
    .orderBy(sql`${chatIdentities.lastSeenAt} desc nulls last`, chatIdentities.platform);
  const reachable = identities.find((i) => i.platform !== "teams" || i.conversationRef);
  if (reachable) {
    return {
      platform: reachable.platform as Platform,
      tenantId: reachable.tenantId,
      target: {
        kind: "user",
        id: reachable.userId,
        ...(reachable.conversationRef ? { conversationRef: reachable.conversationRef } : {}),
      },
    };
  }
  const teams = identities.find((i) => i.platform === "teams");
  if (teams) {
    return {
      platform: "teams",
      tenantId: teams.tenantId,
      target: { kind: "user", id: teams.userId },
      unreachable:
        "no Teams conversation yet: ask them to open the Collab app in Teams once, or install it for them",
    };
  }
  return {
    platform: "slack",
    tenantId: "none",
    target: { kind: "user", id: "none" },
    unreachable:
      "no Slack or Teams account linked: add slack_user_id or teams_aad_object_id in the people CSV",
  };
}

/**
 * Writes messages to the outbox with the caller's transaction (pass `tx` inside db.transaction).
 * Returns the ids of the rows written; a message whose dedupe key exists already is skipped.
 */
export async function enqueueMessages(
  db: Db,
  messages: readonly OutgoingMessage[],
  now = new Date(),
): Promise<number[]> {
  const ids: number[] = [];
  for (const message of messages) {
    const route: Route =
      message.to.kind === "person"
        ? await routeToPerson(db, message.to.personId)
        : {
            platform: message.to.platform,
            tenantId: message.to.tenantId,
            target: {
              kind: "channel",
              id: message.to.channelId,
              ...(message.to.conversationRef ? { conversationRef: message.to.conversationRef } : {}),
            },
          };
    const rows = await db
      .insert(outbox)
      .values({
        kind: message.kind,
        dedupeKey: message.dedupeKey ?? null,
        platform: route.platform,
        tenantId: route.tenantId,
        target: route.target,
        personId: message.to.kind === "person" ? message.to.personId : null,
        message: message.message,
        status: route.unreachable ? "unreachable" : "pending",
        lastError: route.unreachable ?? null,
        nextAttemptAt: now,
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}

interface ClaimedRow {
  id: number | string;
  platform: Platform;
  tenant_id: string;
  target: DeliveryTarget | string;
  message: Delivery["message"] | string;
  attempts: number;
}

const parseJson = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/**
 * Claims up to `limit` due deliveries for `leaseMs`; SKIP LOCKED lets any number of workers share the queue,
 * and the lease lets another worker take over the rows of one that died.
 */
export async function claimDeliveries(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<Delivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await db.execute(sql`
    update ${outbox} set locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (
      select id from ${outbox}
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, platform, tenant_id, target, message, attempts`);
  return rowsOf<ClaimedRow>(result)
    .map((row) => ({
      id: Number(row.id),
      platform: row.platform,
      tenantId: row.tenant_id,
      target: parseJson(row.target),
      message: parseJson(row.message),
      attempts: row.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

export async function markSent(
  db: Db,
  id: number,
  receipt: { messageId: string; channelId: string },
  at: Date,
) {
  await db
    .update(outbox)
    .set({
      status: "sent",
      sentAt: at,
      lockedUntil: null,
      lastError: null,
      platformMessageId: receipt.messageId,
      platformChannelId: receipt.channelId,
    })
    .where(eq(outbox.id, id));
}

export async function markRetry(db: Db, id: number, reason: string, nextAttemptAt: Date) {
  await db
    .update(outbox)
    .set({ lockedUntil: null, lastError: reason, nextAttemptAt })
    .where(eq(outbox.id, id));
}

export async function markFailed(db: Db, id: number, reason: string) {
  await db
    .update(outbox)
    .set({ status: "failed", lockedUntil: null, lastError: reason })
    .where(eq(outbox.id, id));
}

/** The platform ids of a sent message, to update it later (a check-in prompt turning into "recorded"). */
export async function sentMessageOf(db: Db, id: number) {
  const row = await db.query.outbox.findFirst({
    where: and(eq(outbox.id, id), isNotNull(outbox.platformMessageId)),
  });
  return row ?? null;
}

export async function outboxByKind(db: Db, kinds: string[]) {
  return db.select().from(outbox).where(inArray(outbox.kind, kinds)).orderBy(desc(outbox.id));
}
