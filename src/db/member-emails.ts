// Answers the patient-data guard's question: which of these email addresses belong to people the bot knows.
import { sql } from "drizzle-orm";
import type { MemberEmails } from "../core/ports.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { people } from "./schema.ts";

export function createMemberEmails(db: Db): MemberEmails {
  return {
    async membersAmong(emails) {
      const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
      if (wanted.length === 0) return new Set();
      const rows = await db
        .select({ email: sql<string>`lower(${people.email})` })
        .from(people)
        .where(sql`lower(${people.email}) = any(${arrayLiteral(wanted)}::text[])`);
      return new Set(rows.map((row) => row.email));
    },
  };
}
