// Seeds people and their chat identities straight into a test database.

import type { Db } from "../../src/db/client.ts";
import { chatIdentities, people } from "../../src/db/schema.ts";
import { FAKE_TEAM_ID } from "../fakes/fake-slack-api.ts";
import { TEAMS_BOT_ID, TEAMS_TENANT_ID } from "./teams-activities.ts";

export interface SeedPerson {
  email: string;
  name?: string;
  institution?: string;
  timezone?: string;
  slackUserId?: string;
  teams?: { aadObjectId: string; serviceUrl?: string };
}

/** A Teams conversation reference as TurnContext.getConversationReference saves it for a personal chat. */
export function teamsReference(serviceUrl: string, aadObjectId: string) {
  return {
    activityId: "1",
    user: { id: `29:${aadObjectId}`, name: "", aadObjectId },
    bot: { id: TEAMS_BOT_ID, name: "Collab" },
    conversation: {
      conversationType: "personal",
      tenantId: TEAMS_TENANT_ID,
      id: `a:personal-${aadObjectId}`,
    },
    channelId: "msteams",
    locale: "en-GB",
    serviceUrl,
  };
}

export async function seedPerson(db: Db, person: SeedPerson): Promise<string> {
  const [row] = await db
    .insert(people)
    .values({
      email: person.email,
      name: person.name ?? person.email.split("@")[0]!,
      institution: person.institution ?? "Northfield University",
      timezone: person.timezone ?? "Europe/London",
    })
    .returning({ id: people.id });
  const personId = row!.id;
  if (person.slackUserId) {
    await db
      .insert(chatIdentities)
      .values({ personId, platform: "slack", tenantId: FAKE_TEAM_ID, userId: person.slackUserId });
  }
  if (person.teams) {
    await db.insert(chatIdentities).values({
      personId,
      platform: "teams",
      tenantId: TEAMS_TENANT_ID,
      userId: person.teams.aadObjectId,
      conversationRef: person.teams.serviceUrl
        ? teamsReference(person.teams.serviceUrl, person.teams.aadObjectId)
        : null,
    });
  }
  return personId;
}
