// Seeds partnerships and their members straight into a test database, and reads check-in prompts back.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.ts";
import { checkinPrompts, outbox, partnershipMembers, partnerships } from "../../src/db/schema.ts";

export interface SeedPartnership {
  title: string;
  members: readonly string[];
  cadence?: "weekly" | "fortnightly" | "monthly";
  weekday?: number;
  localHour?: number;
  startedAt?: Date | string;
  status?: "active" | "paused" | "ended";
  programmeId?: string;
}

export async function seedPartnership(db: Db, input: SeedPartnership): Promise<string> {
  const [row] = await db
    .insert(partnerships)
    .values({
      title: input.title,
      cadence: input.cadence ?? "weekly",
      weekday: input.weekday ?? 2,
      localHour: input.localHour ?? 10,
      startedAt: new Date(input.startedAt ?? "2026-11-01T00:00:00Z"),
      status: input.status ?? "active",
      programmeId: input.programmeId ?? null,
    })
    .returning({ id: partnerships.id });
  const partnershipId = row!.id;
  if (input.members.length > 0) {
    await db
      .insert(partnershipMembers)
      .values(input.members.map((personId) => ({ partnershipId, personId })));
  }
  return partnershipId;
}

/** A person's prompt in any check-in, with the outbox row that carried it. */
export async function promptOf(db: Db, personId: string, checkinId?: string) {
  const rows = await db
    .select()
    .from(checkinPrompts)
    .where(
      checkinId
        ? and(eq(checkinPrompts.personId, personId), eq(checkinPrompts.checkinId, checkinId))
        : eq(checkinPrompts.personId, personId),
    );
  return rows;
}

export async function outboxRow(db: Db, id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

/** A check-in prompt to a person as the outbox takes it (enqueueOutgoing), keyed `key`. */
export function checkinPromptFor(personId: string, key: string) {
  return {
    kind: "checkin.prompt",
    dedupeKey: key,
    to: { kind: "person" as const, personId },
    message: { summary: "How is it going?", blocks: [{ type: "text" as const, text: "How is it going?" }] },
  };
}
