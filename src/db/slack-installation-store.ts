// The slack_installations table: one row per workspace (or Grid organisation) that installed the app, tokens sealed.
import { and, asc, eq, type SQL } from "drizzle-orm";
import { recordAudit } from "./audit.ts";
import type { Db } from "./client.ts";
import { slackInstallations } from "./schema.ts";
import type { SecretBox } from "./secret-box.ts";

/** An installation with its tokens in the clear, as the Slack door needs them; never logged. */
export interface SlackInstallationRecord {
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string | null;
  botScopes: string[];
  botToken: string;
  botRefreshToken: string | null;
  /** When the bot token expires (token rotation on), else null. */
  botTokenExpiresAt: Date | null;
  installerUserId: string | null;
}

/** Who an installation is for, without its tokens (for listings and the CLI). */
export type SlackWorkspace = Pick<
  SlackInstallationRecord,
  "teamId" | "teamName" | "enterpriseId" | "enterpriseName" | "isEnterpriseInstall"
> & { installedAt: Date };

export interface InstallationLookup {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

export interface SlackInstallationStore {
  /** Inserts or replaces (a reinstall, or rotated tokens) the installation of that team or organisation. */
  save(record: SlackInstallationRecord): Promise<void>;
  /**
   * The installation serving a request or a message: the org-wide one for an org-wide request; else the team's
   * own, else its organisation's (by enterprise id), else, when only the team id is known, the one org-wide
   * installation there is (a Grid organisation's workspaces have no install of their own).
   */
  find(lookup: InstallationLookup): Promise<SlackInstallationRecord | null>;
  /** Removes it (app uninstalled, tokens revoked); whether there was one. */
  remove(lookup: InstallationLookup): Promise<boolean>;
  list(): Promise<SlackWorkspace[]>;
}

type Row = typeof slackInstallations.$inferSelect;

/** Org-wide installs are keyed by the enterprise id, the others by the team id. */
export function installKeyOf(lookup: InstallationLookup): string | null {
  if (lookup.isEnterpriseInstall && lookup.enterpriseId) return lookup.enterpriseId;
  return lookup.teamId ?? null;
}

const context = (key: string, column: string) => `slack_installations:${key}:${column}`;

export function createSlackInstallationStore(db: Db, box: SecretBox): SlackInstallationStore {
  const open = (row: Row): SlackInstallationRecord => ({
    teamId: row.teamId,
    teamName: row.teamName,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    isEnterpriseInstall: row.isEnterpriseInstall,
    appId: row.appId,
    botId: row.botId,
    botUserId: row.botUserId,
    botScopes: row.botScopes,
    botToken: box.open(row.botTokenSealed, context(row.installKey, "bot_token")),
    botRefreshToken: row.botRefreshTokenSealed
      ? box.open(row.botRefreshTokenSealed, context(row.installKey, "bot_refresh_token"))
      : null,
    botTokenExpiresAt: row.botTokenExpiresAt,
    installerUserId: row.installerUserId,
  });
  const one = async (where: SQL | undefined) => {
    const [row] = await db.select().from(slackInstallations).where(where).limit(2);
    return row ?? null;
  };

  return {
    async save(record) {
      const key = record.isEnterpriseInstall ? record.enterpriseId : record.teamId;
      if (!key) throw new Error("A Slack installation needs a team id, or an enterprise id when org-wide");
      const values = {
        teamId: record.teamId,
        teamName: record.teamName,
        enterpriseId: record.enterpriseId,
        enterpriseName: record.enterpriseName,
        isEnterpriseInstall: record.isEnterpriseInstall,
        appId: record.appId,
        botId: record.botId,
        botUserId: record.botUserId,
        botScopes: record.botScopes,
        botTokenSealed: box.seal(record.botToken, context(key, "bot_token")),
        botRefreshTokenSealed: record.botRefreshToken
          ? box.seal(record.botRefreshToken, context(key, "bot_refresh_token"))
          : null,
        botTokenExpiresAt: record.botTokenExpiresAt,
        installerUserId: record.installerUserId,
        updatedAt: new Date(),
      };
      // Installs are audited by the OAuth flow; a save is also each token refresh, which says nothing new.
      await db
        .insert(slackInstallations)
        .values({ installKey: key, ...values })
        .onConflictDoUpdate({ target: slackInstallations.installKey, set: values });
    },

    async find(lookup) {
      if (lookup.isEnterpriseInstall && lookup.enterpriseId) {
        const row = await one(eq(slackInstallations.installKey, lookup.enterpriseId));
        return row ? open(row) : null;
      }
      if (lookup.teamId) {
        const row = await one(eq(slackInstallations.installKey, lookup.teamId));
        if (row) return open(row);
      }
      if (lookup.enterpriseId) {
        const row = await one(
          and(
            eq(slackInstallations.installKey, lookup.enterpriseId),
            eq(slackInstallations.isEnterpriseInstall, true),
          ),
        );
        return row ? open(row) : null;
      }
      if (lookup.teamId) {
        const rows = await db
          .select()
          .from(slackInstallations)
          .where(eq(slackInstallations.isEnterpriseInstall, true))
          .limit(2);
        return rows.length === 1 && rows[0] ? open(rows[0]) : null;
      }
      return null;
    },

    async remove(lookup) {
      const key = installKeyOf(lookup);
      if (!key) return false;
      return db.transaction(async (tx) => {
        const deleted = await tx
          .delete(slackInstallations)
          .where(eq(slackInstallations.installKey, key))
          .returning({ key: slackInstallations.installKey });
        if (deleted.length > 0) {
          await recordAudit(tx, {
            actor: "slack",
            platform: "slack",
            action: "slack.uninstalled",
            subject: key,
          });
        }
        return deleted.length > 0;
      });
    },

    async list() {
      return db
        .select({
          teamId: slackInstallations.teamId,
          teamName: slackInstallations.teamName,
          enterpriseId: slackInstallations.enterpriseId,
          enterpriseName: slackInstallations.enterpriseName,
          isEnterpriseInstall: slackInstallations.isEnterpriseInstall,
          installedAt: slackInstallations.installedAt,
        })
        .from(slackInstallations)
        .orderBy(asc(slackInstallations.installKey));
    },
  };
}

/**
 * Whether a workspace (team id) or Grid organisation (enterprise id) has installed the app through OAuth; "unused"
 * when nothing is installed that way (one SLACK_BOT_TOKEN, or Slack off), where the question does not arise.
 */
export async function slackInstallationOf(db: Db, id: string): Promise<"installed" | "missing" | "unused"> {
  const rows = await db
    .select({ key: slackInstallations.installKey, teamId: slackInstallations.teamId })
    .from(slackInstallations);
  if (rows.length === 0) return "unused";
  return rows.some((row) => row.key === id || row.teamId === id) ? "installed" : "missing";
}
