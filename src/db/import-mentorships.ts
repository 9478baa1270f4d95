// Imports validated mentorship rows in one transaction: all of them, or none when a person or programme is unknown.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { MentorshipImportRow } from "../core/mentoring/mentorships-csv.ts";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { mentorships, people, programmes } from "./schema.ts";

export type MentorshipImportResult =
  | { ok: true; created: number; updated: number }
  | { ok: false; row: number; reason: string };

export async function importMentorships(
  db: Db,
  rows: readonly MentorshipImportRow[],
  fileName: string,
): Promise<MentorshipImportResult> {
  return db.transaction(async (tx) => {
    const emails = [...new Set(rows.flatMap((r) => [r.mentorEmail, r.menteeEmail]))];
    const found =
      emails.length === 0
        ? []
        : await tx
            .select({ id: people.id, email: sql<string>`lower(${people.email})` })
            .from(people)
            .where(inArray(sql`lower(${people.email})`, emails));
    const personByEmail = new Map(found.map((p) => [p.email, p.id]));
    const names = [...new Set(rows.map((r) => r.programme.toLowerCase()))];
    const programmeRows =
      names.length === 0
        ? []
        : await tx
            .select({ id: programmes.id, name: sql<string>`lower(${programmes.name})` })
            .from(programmes)
            .where(inArray(sql`lower(${programmes.name})`, names));
    const programmeByName = new Map(programmeRows.map((p) => [p.name, p.id]));
    for (const row of rows) {
      for (const email of [row.mentorEmail, row.menteeEmail]) {
        if (!personByEmail.has(email)) {
          return {
            ok: false as const,
            row: row.row,
            reason: `nobody has the email ${email}; import them with collab import people first`,
          };
        }
      }
      if (!programmeByName.has(row.programme.toLowerCase())) {
        return { ok: false as const, row: row.row, reason: `no programme is called "${row.programme}"` };
      }
    }
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      const mentorId = personByEmail.get(row.mentorEmail)!;
      const menteeId = personByEmail.get(row.menteeEmail)!;
      const values = {
        programmeId: programmeByName.get(row.programme.toLowerCase())!,
        goals: row.goals,
        rhythmDays: row.rhythmDays,
        followUpDays: row.followUpDays,
      };
      const changed = await tx
        .update(mentorships)
        .set(values)
        .where(
          and(
            eq(mentorships.mentorId, mentorId),
            eq(mentorships.menteeId, menteeId),
            eq(mentorships.status, "active"),
          ),
        )
        .returning({ id: mentorships.id });
      if (changed.length > 0) updated += 1;
      else {
        await tx.insert(mentorships).values({ mentorId, menteeId, ...values });
        created += 1;
      }
    }
    await recordAudit(tx, {
      actor: "cli",
      platform: "cli",
      action: "mentorships.import",
      subject: fileName,
      details: { created, updated },
    });
    return { ok: true as const, created, updated };
  });
}
