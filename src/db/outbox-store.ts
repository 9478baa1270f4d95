// The outbox: enqueue messages inside the caller's transaction, claim due ones for delivery, record outcomes.
import { and, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Platform } from "../core/message.ts";
import type { Delivery, DeliveryTarget, OutgoingMessage } from "../core/outgoing.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import { chatIdentities, outbox, programmeTenants } from "./schema.ts";
import { blockedWorkspaces } from "./workspace-status-store.ts";

interface Route {
  platform: Platform;
  tenantId: string;
  target: DeliveryTarget;
  unreachable?: string;
}

type IdentityRow = typeof chatIdentities.$inferSelect;

/** The identity to reach a person on: the one they used last, where the bot is able to write to them. */
function routeFrom(identities: readonly IdentityRow[]): Route {
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
      unreachable: teams.appRemovedAt
        ? "the Collab app was removed from their Teams: ask them to reinstall the app in Teams"
        : "no Teams conversation yet: ask them to open the Collab app in Teams once, or install it for them",
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

type Links = readonly { platform: string; tenantId: string }[];

/**
 * A terminal chat (`collab chat --as`) is a delivery target only for someone with no Slack or Teams identity: an
 * operator trying the chat as a person must not divert their prompts and digests to a console nobody reads, nor
 * hide from the coordinator that they cannot be reached.
 */
function deliverable(identities: readonly IdentityRow[]): readonly IdentityRow[] {
  const platforms = identities.filter((i) => i.platform !== "console");
  return platforms.length > 0 ? platforms : identities;
}

/** The route for one message to a person, through an account where its programme may be seen. */
function routeToPerson(all: readonly IdentityRow[], links: Links): Route {
  const identities = deliverable(all);
  if (links.length === 0) return routeFrom(identities);
  // A link to an Enterprise Grid org (an org-wide install, `slack:E…`) covers the org's workspaces.
  const allowed = identities.filter((i) =>
    links.some(
      (l) =>
        l.platform === i.platform &&
        (l.tenantId === i.tenantId || (i.platform === "slack" && l.tenantId === i.organisationId)),
    ),
  );
  if (allowed.length > 0 || identities.length === 0) return routeFrom(allowed);
  return {
    ...routeFrom(identities),
    unreachable:
      "no Slack or Teams account in the workspaces or tenants this programme is linked to: see `collab programme list`",
  };
}

/** The workspace and tenant links of the programmes these messages are about, in one query. */
async function linksOf(db: Db, messages: readonly OutgoingMessage[]): Promise<Map<string, Links>> {
  const ids = [
    ...new Set(
      messages.flatMap((m) => (m.to.kind === "person" && m.to.programmeId ? [m.to.programmeId] : [])),
    ),
  ];
  const links = new Map<string, { platform: string; tenantId: string }[]>();
  if (ids.length === 0) return links;
  const rows = await db
    .select()
    .from(programmeTenants)
    .where(sql`${programmeTenants.programmeId} = any(${arrayLiteral(ids)}::uuid[])`);
  for (const row of rows) {
    const list = links.get(row.programmeId) ?? [];
    list.push({ platform: row.platform, tenantId: row.tenantId });
    links.set(row.programmeId, list);
  }
  return links;
}

/** Each person's identities in one query, most recently seen first. */
async function identitiesOf(db: Db, personIds: readonly string[]): Promise<Map<string, IdentityRow[]>> {
  const identities = new Map<string, IdentityRow[]>();
  const ids = [...new Set(personIds)];
  const rows = await db
    .select()
    .from(chatIdentities)
    .where(sql`${chatIdentities.personId} = any(${arrayLiteral(ids)}::uuid[])`)
    .orderBy(sql`${chatIdentities.lastSeenAt} desc nulls last`, chatIdentities.platform);
  for (const row of rows) {
    const list = identities.get(row.personId!) ?? [];
    list.push(row);
    identities.set(row.personId!, list);
  }
  return identities;
}

function routeToChannel(to: Extract<OutgoingMessage["to"], { kind: "channel" }>): Route {
  return {
    platform: to.platform,
    tenantId: to.tenantId,
    target: {
      kind: "channel",
      id: to.channelId,
      ...(to.conversationRef ? { conversationRef: to.conversationRef } : {}),
    },
  };
}

/** The workspace or Grid org an identity is in, if the app was removed from it: its reason. */
function blockedReason(
  identity: { platform: string; tenantId: string; organisationId: string | null },
  blocked: ReadonlyMap<string, string>,
): string | undefined {
  if (identity.platform !== "slack") return undefined;
  return (
    blocked.get(identity.tenantId) ??
    (identity.organisationId ? blocked.get(identity.organisationId) : undefined)
  );
}

/** Identities in workspaces the app was removed from go last: a person reachable elsewhere is reached there. */
function preferReachable(identities: IdentityRow[], blocked: ReadonlyMap<string, string>): IdentityRow[] {
  const open = identities.filter((i) => !blockedReason(i, blocked));
  return open.length === identities.length
    ? identities
    : [...open, ...identities.filter((i) => !open.includes(i))];
}

/** A route into a workspace the app was removed from is not tried: it is recorded unreachable, with the reason. */
function refuseBlocked(
  route: Route,
  identities: readonly IdentityRow[],
  blocked: ReadonlyMap<string, string>,
): Route {
  if (route.unreachable || route.platform !== "slack" || blocked.size === 0) return route;
  const identity = identities.find((i) => i.platform === "slack" && i.tenantId === route.tenantId);
  const reason = blockedReason(
    { platform: "slack", tenantId: route.tenantId, organisationId: identity?.organisationId ?? null },
    blocked,
  );
  return reason ? { ...route, unreachable: reason } : route;
}

/** What became of one enqueued message: its row, and whether it waits for delivery or cannot be delivered. */
export interface EnqueueResult {
  id: number;
  platform: Platform;
  status: "pending" | "unreachable";
  /** Why it cannot be delivered, for the coordinator's digest. */
  reason: string | null;
}

const INSERT_CHUNK = 1000;

/**
 * Writes messages to the outbox with the caller's transaction (pass `tx` inside db.transaction): one insert per
 * thousand messages, its rows sent as one JSON array. Answers one result per message, in order: null when its dedupe
 * key exists already.
 */
export async function enqueueOutgoing(
  db: Db,
  messages: readonly OutgoingMessage[],
  now = new Date(),
): Promise<(EnqueueResult | null)[]> {
  const personIds = messages.flatMap((m) => (m.to.kind === "person" ? [m.to.personId] : []));
  const identities =
    personIds.length > 0 ? await identitiesOf(db, personIds) : new Map<string, IdentityRow[]>();
  const links = await linksOf(db, messages);
  const blocked = await blockedWorkspaces(db);
  if (blocked.size > 0)
    for (const [id, list] of identities) identities.set(id, preferReachable(list, blocked));
  const results: (EnqueueResult | null)[] = messages.map(() => null);
  for (let start = 0; start < messages.length; start += INSERT_CHUNK) {
    const chunk = messages.slice(start, start + INSERT_CHUNK).map((message, offset) => {
      const route = refuseBlocked(
        message.to.kind === "person"
          ? routeToPerson(
              identities.get(message.to.personId) ?? [],
              links.get(message.to.programmeId ?? "") ?? [],
            )
          : routeToChannel(message.to),
        message.to.kind === "person" ? (identities.get(message.to.personId) ?? []) : [],
        blocked,
      );
      return { index: start + offset, message, route };
    });
    // One JSON parameter: escaping each message's JSON again into an array literal took ~0.1 s a thousand (bench:fanout).
    const payload = chunk.map(({ message, route }) => ({
      kind: message.kind,
      dedupe_key: message.dedupeKey ?? null,
      platform: route.platform,
      tenant_id: route.tenantId,
      target: route.target,
      person_id: message.to.kind === "person" ? message.to.personId : null,
      message: message.message,
      status: route.unreachable ? "unreachable" : "pending",
      last_error: route.unreachable ?? null,
    }));
    const body = JSON.stringify(payload);
    const inserted = await db.execute(sql`
      insert into ${outbox}
        (kind, dedupe_key, platform, tenant_id, target, person_id, message, status, last_error, next_attempt_at)
      select e->>'kind', e->>'dedupe_key', e->>'platform', e->>'tenant_id', e->'target', (e->>'person_id')::uuid,
        e->'message', e->>'status', e->>'last_error', ${now.toISOString()}::timestamptz
      from jsonb_array_elements(${body}::text::jsonb) as e
      on conflict (dedupe_key) do nothing
      returning id, dedupe_key`);
    const rows = rowsOf<{ id: number | string; dedupe_key: string | null }>(inserted);
    // Keyed rows are matched by key; rows without a key get their ids in the order they were inserted.
    const byKey = new Map(rows.flatMap((r) => (r.dedupe_key ? [[r.dedupe_key, Number(r.id)] as const] : [])));
    const unkeyed = rows.filter((r) => !r.dedupe_key).map((r) => Number(r.id));
    unkeyed.sort((a, b) => a - b);
    let next = 0;
    for (const { index, message, route } of chunk) {
      const key = message.dedupeKey;
      const id = key ? byKey.get(key) : unkeyed[next++];
      if (key) byKey.delete(key); // a key repeated in one batch is written once
      if (id === undefined) continue;
      results[index] = {
        id,
        platform: route.platform,
        status: route.unreachable ? "unreachable" : "pending",
        reason: route.unreachable ?? null,
      };
    }
  }
  return results;
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
  const results = await enqueueOutgoing(db, messages, now);
  return results.flatMap((result) => (result ? [result.id] : []));
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

/** Leases the pending rows that `which` selects (a subquery of ids, taken FOR UPDATE SKIP LOCKED) until `until`. */
async function claimRows(db: Db, which: SQL, until: Date): Promise<Delivery[]> {
  const result = await db.execute(sql`
    update ${outbox} set locked_until = ${until.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (${which})
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
  const at = now.toISOString();
  return claimRows(
    db,
    sql`select id from ${outbox}
      where status = 'pending' and next_attempt_at <= ${at}::timestamptz
        and (locked_until is null or locked_until < ${at}::timestamptz)
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked`,
    new Date(now.getTime() + leaseMs),
  );
}

/**
 * Claims the due-or-waiting deliveries of one person on one platform, whenever they were scheduled: an open
 * terminal chat delivers its person's console messages itself, even those another worker put off.
 */
export async function claimDeliveriesOf(
  db: Db,
  platform: Platform,
  personId: string,
  now: Date,
  leaseMs: number,
): Promise<Delivery[]> {
  return claimRows(
    db,
    sql`select id from ${outbox}
      where status = 'pending' and platform = ${platform} and person_id = ${personId}
        and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
      order by id
      for update skip locked`,
    new Date(now.getTime() + leaseMs),
  );
}

/** Channel posts (celebrations) on one platform's channel, e.g. a terminal chat that `celebrate here` chose. */
export async function claimChannelDeliveries(
  db: Db,
  platform: Platform,
  channelId: string,
  now: Date,
  leaseMs: number,
): Promise<Delivery[]> {
  return claimRows(
    db,
    sql`select id from ${outbox}
      where status = 'pending' and platform = ${platform} and person_id is null and target->>'id' = ${channelId}
        and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
      order by id
      for update skip locked`,
    new Date(now.getTime() + leaseMs),
  );
}

/**
 * The row, as long as the claim that read `attempts` still holds it: each claim counts an attempt, so a row that
 * another worker took over after the lease ran out has a higher count, and the first worker's outcome is dropped.
 */
const claimed = (id: number, attempts?: number) =>
  attempts === undefined ? eq(outbox.id, id) : and(eq(outbox.id, id), eq(outbox.attempts, attempts));

/**
 * Extends the lease of a claimed row just before it is sent; false when it is no longer this claim's (the lease
 * ran out while it waited, and another worker took it over): then it must not be sent.
 */
export async function renewLease(db: Db, id: number, attempts: number, until: Date): Promise<boolean> {
  const renewed = await db
    .update(outbox)
    .set({ lockedUntil: until })
    .where(and(claimed(id, attempts), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return renewed.length > 0;
}

export async function markSent(
  db: Db,
  id: number,
  receipt: { messageId: string; channelId: string },
  at: Date,
  attempts?: number,
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
    .where(claimed(id, attempts));
}

export async function markRetry(db: Db, id: number, reason: string, nextAttemptAt: Date, attempts?: number) {
  await db
    .update(outbox)
    .set({ lockedUntil: null, lastError: reason, nextAttemptAt })
    .where(claimed(id, attempts));
}

export async function markFailed(db: Db, id: number, reason: string, attempts?: number) {
  await db
    .update(outbox)
    .set({ status: "failed", lockedUntil: null, lastError: reason })
    .where(claimed(id, attempts));
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

export interface OutboxBacklog {
  platform: string;
  /** Rows still to send (pending), due or waiting for a retry. */
  pending: number;
  /** Seconds since the oldest of them was enqueued, by the database's clock. */
  oldestAgeSeconds: number;
}

/** The outbox's backlog per platform, for /metrics. */
export async function outboxBacklog(db: Db): Promise<OutboxBacklog[]> {
  const rows = rowsOf<{ platform: string; pending: unknown; age: unknown }>(
    await db.execute(sql`select platform, count(*)::int as pending,
        coalesce(extract(epoch from (now() - min(created_at))), 0)::float8 as age
      from ${outbox} where status = 'pending' group by platform`),
  );
  return rows.map((row) => ({
    platform: row.platform,
    pending: Number(row.pending),
    oldestAgeSeconds: Math.max(0, Number(row.age)),
  }));
}
