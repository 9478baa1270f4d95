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

/** The app was removed from a workspace (or a whole org of them), or its bot token revoked there. */
export interface WorkspaceRemoval {
  /** A Slack team id, or an Enterprise Grid enterprise id when `organisation`. */
  tenantId: string;
  organisation: boolean;
  status: "uninstalled" | "tokens_revoked";
  at: Date;
  eventId?: string;
  /** tokens_revoked: how many user (oauth) and bot tokens were revoked. */
  revoked?: { oauth: number; bot: number };
}

/** Where the bot can no longer write: deliveries there stop, with a reason coordinators see. */
export interface WorkspaceStatus {
  markUninstalled(removal: WorkspaceRemoval): Promise<{ failed: number }>;
  /** The app is installed (again) in this workspace or org (team or enterprise id): deliveries there resume. */
  markInstalled(tenantId: string): Promise<void>;
}
