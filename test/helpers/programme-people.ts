// People the programme tests (mentoring, celebrations, digests) share: Cora, a coordinator on Slack, and Bob Okafor on Teams;
// and the modal a Slack command opened.
import { vi } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { seedPerson } from "./seed.ts";
import { teamsUserBob } from "./teams-activities.ts";
import type { TestApp } from "./test-app.ts";

/** Cora (cora@uni.org), on Slack as U0CORA001. */
export function seedCora(db: Db): Promise<string> {
  return seedPerson(db, { email: "cora@uni.org", name: "Cora", slackUserId: "U0CORA001" });
}

/** Bob Okafor of St Mary's Hospital, on Teams as teamsUserBob with a personal conversation at `serviceUrl`. */
export function seedBobOnTeams(db: Db, serviceUrl: string): Promise<string> {
  return seedPerson(db, {
    email: "bob@hospital.org",
    name: "Bob Okafor",
    institution: "St Mary's Hospital",
    teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl },
  });
}

/** The latest views.open call to the fake Slack API, waited for. */
export function lastOpenedView(t: TestApp) {
  return vi.waitFor(() => {
    const call = t.slackApi.callsTo("views.open").at(-1);
    if (!call) throw new Error("no views.open yet");
    return call;
  });
}
