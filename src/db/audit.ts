// Writes one audit_log row: who did what, from where; details hold counts and ids, never message bodies.
import type { Db } from "./client.ts";
import { auditLog } from "./schema.ts";

export interface AuditEntry {
  /** Who acted: a person id, or "cli" / "system". */
  actor: string;
  /** Where from: "slack", "teams", "cli", "system". */
  platform: string;
  /** What, as noun.verb: "people.import", "data.export", "person.forget". */
  action: string;
  subject?: string | null;
  details?: Record<string, unknown> | null;
}

/** Accepts the database or a transaction (inside `db.transaction` pass the `tx`). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actor: entry.actor,
    platform: entry.platform,
    action: entry.action,
    subject: entry.subject ?? null,
    details: entry.details ?? null,
  });
}
