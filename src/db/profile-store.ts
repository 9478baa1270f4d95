// People's own profiles and availability, and the time zone their platform reported; implements the core's ProfileStore.
import { and, desc, eq, sql } from "drizzle-orm";
import type { ChatAddress } from "../core/message.ts";
import type { Profile, ProfileFields, ProfileStore } from "../core/profile/profile-port.ts";
import type { Db } from "./client.ts";
import { chatIdentities, people, publicationAuthors, publications } from "./schema.ts";

/**
 * People made from a chat identity have no email yet: they get this address in the reserved `.invalid` domain
 * (RFC 2606), unique per identity. A people CSV row that names the identity adopts the person (people-store.ts).
 */
export const CHAT_EMAIL_DOMAIN = "chat.invalid";

export function placeholderEmail(address: ChatAddress): string {
  return `${address.platform}:${address.tenantId}:${address.userId}@${CHAT_EMAIL_DOMAIN}`.toLowerCase();
}

export function isPlaceholderEmail(email: string): boolean {
  return email.toLowerCase().endsWith(`@${CHAT_EMAIL_DOMAIN}`);
}

const identityIs = (address: ChatAddress) =>
  and(
    eq(chatIdentities.platform, address.platform),
    eq(chatIdentities.tenantId, address.tenantId),
    eq(chatIdentities.userId, address.userId),
  );

function profileOfRow(row: typeof people.$inferSelect): Profile {
  return {
    personId: row.id,
    name: row.name,
    email: isPlaceholderEmail(row.email) ? null : row.email,
    institution: row.institution,
    department: row.department,
    role: row.role,
    careerStage: row.careerStage,
    expertise: row.expertise,
    methods: row.methods,
    offers: row.offers,
    needs: row.needs,
    timezone: row.timezone,
    country: row.country,
    region: row.region,
    openToMentoring: row.openToMentoring,
    orcid: row.orcid,
    publicationsOff: row.publicationsOff,
    optedOut: row.optedOut,
    pausedUntil: row.pausedUntil,
  };
}

function columnsOf(fields: ProfileFields) {
  return {
    name: fields.name,
    institution: fields.institution,
    department: fields.department,
    role: fields.role,
    careerStage: fields.careerStage,
    expertise: fields.expertise,
    methods: fields.methods,
    offers: fields.offers,
    needs: fields.needs,
    timezone: fields.timezone,
    country: fields.country,
    region: fields.region,
    openToMentoring: fields.openToMentoring,
    orcid: fields.orcid,
    publicationsOff: fields.publicationsOff,
    // The wall clock, not the transaction's start: other instances' match indexes look for rows newer than they saw.
    updatedAt: sql`clock_timestamp()`,
  };
}

export function createProfileStore(db: Db): ProfileStore {
  return {
    async profileOf(personId) {
      const [row] = await db.select().from(people).where(eq(people.id, personId));
      return row ? profileOfRow(row) : null;
    },

    async platformTimezone(address) {
      const [row] = await db
        .select({ zone: chatIdentities.platformTimezone })
        .from(chatIdentities)
        .where(identityIs(address));
      return row?.zone ?? null;
    },

    async recordPlatformTimezone(address, timezone) {
      await db.update(chatIdentities).set({ platformTimezone: timezone }).where(identityIs(address));
    },

    async saveOwnProfile(address, personId, fields) {
      const columns = columnsOf(fields);
      return db.transaction(async (tx) => {
        // The identity row is locked so that two submissions from a newcomer make one person, not two.
        const [identity] = await tx.select().from(chatIdentities).where(identityIs(address)).for("update");
        const ownerId = identity?.personId ?? personId;
        if (ownerId) {
          const [updated] = await tx
            .update(people)
            .set(columns)
            .where(eq(people.id, ownerId))
            .returning({ id: people.id });
          if (updated) return updated.id;
        }
        const [created] = await tx
          .insert(people)
          .values({ ...columns, email: placeholderEmail(address) })
          .onConflictDoUpdate({ target: people.email, set: columns })
          .returning({ id: people.id });
        const id = created!.id;
        if (identity) {
          await tx.update(chatIdentities).set({ personId: id }).where(eq(chatIdentities.id, identity.id));
        } else {
          await tx.insert(chatIdentities).values({ ...address, personId: id, lastSeenAt: new Date() });
        }
        return id;
      });
    },

    async papersOf(personId, limit) {
      return db
        .selectDistinctOn([publications.year, publications.id], {
          publicationId: publications.id,
          title: publications.title,
          year: publications.year,
          journal: publications.journal,
          hidden: publicationAuthors.hidden,
        })
        .from(publicationAuthors)
        .innerJoin(publications, eq(publications.id, publicationAuthors.publicationId))
        .where(eq(publicationAuthors.personId, personId))
        .orderBy(sql`${publications.year} desc nulls last`, desc(publications.id))
        .limit(limit);
    },

    async setPaperHidden(personId, publicationId, hidden) {
      return db.transaction(async (tx) => {
        const changed = await tx
          .update(publicationAuthors)
          .set({ hidden })
          .where(
            and(
              eq(publicationAuthors.personId, personId),
              eq(publicationAuthors.publicationId, publicationId),
            ),
          )
          .returning({ position: publicationAuthors.position });
        if (changed.length === 0) return false;
        // Other instances' match indexes see the change through the person's updated_at.
        await tx.update(people).set({ updatedAt: sql`clock_timestamp()` }).where(eq(people.id, personId));
        return true;
      });
    },

    async setAvailability(personId, availability) {
      await db
        .update(people)
        .set({
          optedOut: availability.optedOut,
          pausedUntil: availability.pausedUntil,
          updatedAt: sql`clock_timestamp()`,
        })
        .where(eq(people.id, personId));
    },
  };
}
