// Reads the audit log in time order, optionally from an instant on; for `collab audit`.
import { asc, gte } from "drizzle-orm";
import type { Db } from "./client.ts";
import { auditLog } from "./schema.ts";

export interface AuditRow {
  at: Date;
  actor: string;
  platform: string;
  action: string;
  subject: string | null;
  details: unknown;
}

export async function readAuditLog(db: Db, since?: Date): Promise<AuditRow[]> {
  return db
    .select({
      at: auditLog.at,
      actor: auditLog.actor,
      platform: auditLog.platform,
      action: auditLog.action,
      subject: auditLog.subject,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(since ? gte(auditLog.at, since) : undefined)
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
