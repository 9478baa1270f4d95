// Identifiers typed into every free-text field are refused: none reaches the database (collab export) or the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackActor } from "../../src/bots/slack/actor.ts";
import { CHECKIN_NOTE_ACTION, CHECKIN_NOTE_INPUT } from "../../src/core/checkins/checkin-messages.ts";
import type { Reply } from "../../src/core/feature.ts";
import { MENTOR_LOG_ACTION } from "../../src/core/mentoring/mentoring-messages.ts";
import { plainText } from "../../src/core/message.ts";
import type { Actor } from "../../src/core/ports.ts";
import { PROFILE_SAVE_ACTION } from "../../src/core/profile/profile-form.ts";
import { mentorships } from "../../src/db/schema.ts";
import { exportOf } from "../helpers/cli.ts";
import { seedProfile, slashAnswer } from "../helpers/collab.ts";
import { postToSlackEndpoint, slashCommandBody } from "../helpers/slack-requests.ts";
import { personalMessage, postActivity, teamsUserBob } from "../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

/** One identifier a field, each unique, so a trace of any of them in the export or the log is found. */
const typed = {
  slackNeed: "statistician for MRN 7712345 follow-up",
  teamsNeed: "help with patient Harriet Quillfeather",
  profileOffers: "call 07700 900417 for cohort access",
  profileNeeds: "records for DOB 14/07/1961",
  checkinNote: "NHS number 401 023 2137 withdrew",
  nextStep: "ask Mrs Quennell, aged 67, about consent",
  strangerEmail: "harriet.q@mailbox.example.com",
};
const traces = [
  "7712345",
  "Quillfeather",
  "900417",
  "14/07/1961",
  "401 023 2137",
  "4010232137",
  "Quennell",
  "harriet.q@",
];

function shown(reply: Reply): string {
  if (reply.kind === "message" || reply.kind === "update") {
    return reply.message.blocks.map((b) => ("text" in b ? plainText(b.text) : "")).join(" ");
  }
  if (reply.kind === "invalid") return Object.values(reply.errors).join(" ");
  return "";
}

describe("patient identifiers in every free-text field", () => {
  let t: TestApp;
  let alice: Actor;
  let mentorshipId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const aliceId = await seedProfile(db, {
      email: "alice@northfield.example.org",
      name: "Alice Moreau",
      institution: "Northfield Royal Infirmary",
      expertise: ["oncology"],
      offers: ["breast cancer cohort access"],
      needs: ["biostatistics"],
      slackUserId: "U0ALICE01",
    });
    const boId = await seedProfile(db, {
      email: "bo.okafor@southgate.example.org",
      name: "Bo Okafor",
      institution: "Southgate University",
      expertise: ["biostatistics"],
      offers: ["survival analysis"],
      needs: ["cohort access"],
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    const [m] = await db.insert(mentorships).values({ mentorId: boId, menteeId: aliceId }).returning();
    mentorshipId = m!.id;
    alice = slackActor("T0FAKE001", "U0ALICE01");
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses a need through Slack's /find-collaborator", async () => {
    const body = slashCommandBody({
      command: "/find-collaborator",
      text: typed.slackNeed,
      response_url: t.slackApi.responseUrl("need"),
    });
    const response = await postToSlackEndpoint(t.baseUrl, body);
    expect(response.status).toBe(200);
    // /find-collaborator acks at once and answers at its response_url.
    const replies = await slashAnswer(t.slackApi, response, "need");
    expect(replies).toContain("rephrase");
  });

  it("refuses a need through Teams", async () => {
    const before = t.connector.calls.length;
    await postActivity(
      t.baseUrl,
      personalMessage(t.connector.serviceUrl, `find-collaborator ${typed.teamsNeed}`),
    );
    const sent = JSON.stringify(t.connector.calls.slice(before));
    expect(sent).toContain("rephrase");
    expect(sent).not.toContain("Quillfeather");
  });

  it("refuses profile entries, a check-in note and a meeting's next step", async () => {
    const profile = await t.app.core.handleAction({
      actor: alice,
      actionId: PROFILE_SAVE_ACTION,
      value: "",
      inputs: {
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        offers: typed.profileOffers,
        needs: typed.profileNeeds,
      },
    });
    expect(profile.kind).toBe("invalid");
    expect(shown(profile)).toContain("rephrase");

    const note = await t.app.core.handleAction({
      actor: alice,
      actionId: CHECKIN_NOTE_ACTION,
      value: "7a1c0000-0000-4000-8000-000000000001",
      inputs: { [CHECKIN_NOTE_INPUT]: typed.checkinNote },
    });
    expect(note.kind).toBe("invalid");
    expect(shown(note)).toContain("rephrase");

    const meeting = await t.app.core.handleAction({
      actor: alice,
      actionId: MENTOR_LOG_ACTION,
      value: "",
      inputs: { mentorship: mentorshipId, met_on: "2026-11-02", next_step: typed.nextStep },
    });
    expect(meeting.kind).toBe("invalid");
    expect(shown(meeting)).toContain("rephrase");
  });

  it("lets a member's email address through and refuses anyone else's", async () => {
    const log = (nextStep: string) =>
      t.app.core.handleAction({
        actor: alice,
        actionId: MENTOR_LOG_ACTION,
        value: "",
        inputs: { mentorship: mentorshipId, met_on: "2026-11-03", next_step: nextStep },
      });
    const stranger = await log(`send the draft to ${typed.strangerEmail}`);
    expect(stranger.kind).toBe("invalid");
    expect(shown(stranger)).toContain("email address of someone who is not a member");
    const member = await log("send the draft to Bo.Okafor@Southgate.example.org");
    expect(shown(member)).toContain("Logged your meeting with Bo Okafor");
  });

  it("has stored and logged none of them", async () => {
    const data = await exportOf(t.database);
    for (const trace of traces) expect(data.text, trace).not.toContain(trace);
    const log = t.logLines.join("\n");
    for (const trace of traces) expect(log, trace).not.toContain(trace);
    // The refusals told each person what kind of identifier it was, not the text: nothing was echoed back.
    const outgoing = JSON.stringify([...t.slackApi.calls, ...t.connector.calls]);
    for (const trace of traces) expect(outgoing, trace).not.toContain(trace);
  });
});
