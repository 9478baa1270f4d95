// A slash command whose answer misses the ack deadline: Slack gets an empty ack in time, the answer follows.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROFILE_SAVE_ACTION } from "../../../src/core/profile/profile-form.ts";
import { postInteraction, viewSubmissionPayload } from "../../helpers/collab.ts";
import { postToSlackEndpoint, slashCommandBody } from "../../helpers/slack-requests.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

describe("Slack: a slow answer to a slash command or a form", () => {
  let t: TestApp;
  beforeAll(async () => {
    // 0: the deadline has always passed, as when the database is too slow for Slack's 3 seconds.
    t = await startTestApp({}, { slackAckWithinMs: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("acks empty at once and posts the answer, privately, to the command's response_url", async () => {
    const body = slashCommandBody({
      command: "/collab",
      text: "help",
      response_url: t.slackApi.responseUrl("late"),
    });
    const response = await postToSlackEndpoint(t.baseUrl, body);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    const answer = await vi.waitFor(() => {
      const call = t.slackApi.calls.find((c) => c.method === "response_url" && c.args._id === "late");
      if (!call) throw new Error("no answer yet");
      return call.args;
    });
    expect(answer.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.blocks)).toContain("Shows this list");
    expect(t.logLines.join("\n")).toContain("answered after its ack");
  });

  it("closes a form it cannot check in time and sends its problems as a direct message", async () => {
    // In time, an incomplete profile would keep the modal open with the problems beside the fields
    // (response_action "errors"); past the deadline the modal closes and the problems come as a message.
    const response = await postInteraction(
      t.baseUrl,
      viewSubmissionPayload({
        user: { id: "U0LATE001", name: "late" },
        view: { type: "modal", callback_id: PROFILE_SAVE_ACTION, title: "Profile", blocks: [] },
        values: {},
      }),
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    const posted = await vi.waitFor(() => {
      const call = t.slackApi.callsTo("chat.postMessage").find((c) => c.args.channel === "U0LATE001");
      if (!call) throw new Error("no message yet");
      return call.args;
    });
    expect(String(posted.blocks)).toContain("Please fill in your");
  });
});
