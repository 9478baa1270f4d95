// Loads the bundled demo programme: people (through the people import), partnerships, a mentorship, console identities.
import { and, eq, inArray } from "drizzle-orm";
import type { ChatAddress } from "../core/message.ts";
import type { PersonImportRow } from "../core/people-csv.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { importPeople } from "./people-store.ts";
import {
  chatIdentities,
  mentorships,
  partnershipMembers,
  partnerships,
  people,
  programmes,
} from "./schema.ts";

export interface DemoPartnership {
  title: string;
  /** Emails. */
  members: string[];
  cadence: "weekly" | "fortnightly" | "monthly";
  weekday: number;
  localHour: number;
  startedAt: Date;
}

export interface DemoMentorship {
  mentor: string;
  mentee: string;
  goals: string;
  rhythmDays: number;
  followUpDays: number;
}

export interface DemoProgramme {
  programme: string;
  people: readonly PersonImportRow[];
  partnerships: readonly DemoPartnership[];
  mentorships: readonly DemoMentorship[];
  /** People whose messages wait for their terminal chat: the console identity linked to each. */
  consoleIdentities: readonly { email: string; address: ChatAddress }[];
}

export interface DemoLoadResult {
  people: number;
  partnerships: number;
  mentorships: number;
  consoleIdentities: number;
}

/**
 * Adds what is missing and never changes what is there, so loading twice changes nothing: people are imported
 * only when one of them is missing, partnerships are known by title and mentorships by mentor and mentee.
 */
export async function loadDemoProgramme(db: Db, demo: DemoProgramme): Promise<DemoLoadResult> {
  const emails = demo.people.map((p) => p.email);
  const present = await db.select({ email: people.email }).from(people).where(inArray(people.email, emails));
  const loadPeople = present.length < emails.length;
  if (loadPeople) await importPeople(db, demo.people);

  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: people.id, email: people.email })
      .from(people)
      .where(inArray(people.email, emails));
    const idOf = (email: string): string => {
      const id = found.find((p) => p.email === email)?.id;
      if (!id) throw new Error(`the demo names ${email}, who is not among its people`);
      return id;
    };
    const [programme] = await tx.select().from(programmes).where(eq(programmes.name, demo.programme));
    const added: DemoLoadResult = {
      people: loadPeople ? emails.length - present.length : 0,
      partnerships: 0,
      mentorships: 0,
      consoleIdentities: 0,
    };

    for (const partnership of demo.partnerships) {
      const [existing] = await tx
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(eq(partnerships.title, partnership.title));
      if (existing) continue;
      const [row] = await tx
        .insert(partnerships)
        .values({
          title: partnership.title,
          programmeId: programme?.id ?? null,
          cadence: partnership.cadence,
          weekday: partnership.weekday,
          localHour: partnership.localHour,
          startedAt: partnership.startedAt,
        })
        .returning({ id: partnerships.id });
      if (!row) throw new Error(`the partnership "${partnership.title}" was not saved`);
      await tx
        .insert(partnershipMembers)
        .values(partnership.members.map((email) => ({ partnershipId: row.id, personId: idOf(email) })));
      added.partnerships += 1;
    }

    for (const mentorship of demo.mentorships) {
      const mentorId = idOf(mentorship.mentor);
      const menteeId = idOf(mentorship.mentee);
      const [existing] = await tx
        .select({ id: mentorships.id })
        .from(mentorships)
        .where(and(eq(mentorships.mentorId, mentorId), eq(mentorships.menteeId, menteeId)));
      if (existing) continue;
      await tx.insert(mentorships).values({
        mentorId,
        menteeId,
        programmeId: programme?.id ?? null,
        goals: mentorship.goals,
        rhythmDays: mentorship.rhythmDays,
        followUpDays: mentorship.followUpDays,
      });
      added.mentorships += 1;
    }

    const now = new Date();
    for (const { email, address } of demo.consoleIdentities) {
      const rows = await tx
        .insert(chatIdentities)
        .values({ personId: idOf(email), ...address, lastSeenAt: now })
        .onConflictDoNothing()
        .returning({ id: chatIdentities.id });
      added.consoleIdentities += rows.length;
    }

    if (added.people + added.partnerships + added.mentorships + added.consoleIdentities > 0) {
      await recordAudit(tx, { actor: "cli", platform: "cli", action: "demo.load", details: { ...added } });
    }
    return added;
  });
}
