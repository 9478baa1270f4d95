// Ports for events the platforms push at the bot: a ledger that lets each delivery through once, and the audit trail.

/** Remembers event ids (Slack's event_id) so that a platform's retry of a delivery is processed once. */
export interface EventLedger {
  /** True the first time this id is seen, false for every later delivery of it. */
  firstSeen(eventId: string, at: Date): Promise<boolean>;
}

/** Who did what, when, from where: ids and counts only, never message bodies. */
export interface AuditTrail {
  record(entry: {
    actor: string;
    platform: string;
    action: string;
    subject?: string | null;
    details?: Record<string, unknown> | null;
  }): Promise<void>;
}
