// What the Teams door asks of storage about installs and tenants; src/db/teams-install-store.ts implements it.

export interface TeamsRemoval {
  tenantId: string;
  /** The conversation the app was removed from (a personal chat "a:…", or a team channel "19:…"). */
  conversationId: string;
  /** The AAD object id of whoever removed it, when Teams says. */
  userId?: string;
  /** remove, or remove-upgrade when an app update dropped the bot. */
  action: string;
}

export interface TeamsInstalls {
  /**
   * Whether a tenant is a stranger: the bot serves some Teams tenants (a configured app tenant, a programme linked
   * with `collab programme link`, or people imported with a Teams id there) and this is none of them. With none
   * known at all (a one-organisation set-up not yet configured) no tenant is a stranger.
   */
  isStrangerTenant(tenantId: string): Promise<boolean>;
  /**
   * Drops the stored conversation references of that conversation (they no longer deliver), marks the identities
   * as uninstalled for the digest, and audits it; returns how many identities lost their reference.
   */
  forgetConversation(removal: TeamsRemoval): Promise<number>;
}
