// The collaborator flows' common start: a test app with seeded profiles, the Slack users Alice and Chen, and
// slash commands whose answer comes at the response_url.
import { vi } from "vitest";
import { type SeedProfile, type SlackUser, seedProfile } from "./collab.ts";
import { postToSlackEndpoint, slashCommandBody } from "./slack-requests.ts";
import { startTestApp, type TestApp } from "./test-app.ts";

export const alice: SlackUser = { id: "U0ALICE01", name: "alice" };
export const chen: SlackUser = { id: "U0CHEN001", name: "chen" };

export interface SlackReply {
  response_type?: string;
  text: string;
  blocks: { type: string }[];
}

/**
 * Starts a test app and seeds the profiles in order (given the fake connector's serviceUrl, for Teams identities);
 * each person's id goes into `ids` under the profile's key.
 */
export async function startCollaboratorScenario(
  ids: Record<string, string>,
  profiles: (serviceUrl: string) => Record<string, SeedProfile>,
): Promise<TestApp> {
  const t = await startTestApp();
  for (const [key, profile] of Object.entries(profiles(t.connector.serviceUrl))) {
    ids[key] = await seedProfile(t.database.db, profile);
  }
  return t;
}

/** A signed slash command from a Slack user; its response_url is named `responseUrlId`. */
export function postSlashCommand(
  t: TestApp,
  user: SlackUser,
  command: string,
  text: string,
  responseUrlId: string,
) {
  return postToSlackEndpoint(
    t.baseUrl,
    slashCommandBody({
      command,
      text,
      user_id: user.id,
      user_name: user.name,
      response_url: t.slackApi.responseUrl(responseUrlId),
    }),
  );
}

/** The answer posted to the response_url named `responseUrlId` (a command that acks at once), waited for. */
export function responseUrlAnswer(t: TestApp, responseUrlId: string): Promise<SlackReply> {
  return vi.waitFor(() => {
    const answer = t.slackApi.calls.find((c) => c.method === "response_url" && c.args._id === responseUrlId);
    if (!answer) throw new Error("no answer yet");
    return answer.args as unknown as SlackReply;
  });
}
