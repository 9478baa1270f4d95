// Profiles in chat (Slack modal, Teams card), pause / opt-out / resume, and the match index following the database.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importPeople } from "../../src/db/people-store.ts";
import { chatIdentities, people } from "../../src/db/schema.ts";
import {
  blockActionsPayload,
  cardOf,
  type ModalView,
  postInteraction,
  slackButtons,
  submitActions,
  teamsSay,
  teamsSubmit,
  viewSubmissionPayload,
} from "../helpers/collab.ts";
import {
  alice,
  chen,
  postSlashCommand,
  responseUrlAnswer,
  type SlackReply,
  startCollaboratorScenario,
} from "../helpers/collaborator-scenario.ts";
import { postActivity, TEAMS_TENANT_ID, type TeamsUser } from "../helpers/teams-activities.ts";
import type { TestApp } from "../helpers/test-app.ts";

const newbie = { id: "U0NEWBIE1", name: "noor" };
const tomas: TeamsUser = {
  id: "29:1tomasTeamsUserId",
  aadObjectId: "00000000-0000-0000-0000-0000000070a5",
  name: "Tomás Silva",
};

describe("collaborator profiles and availability", () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startCollaboratorScenario(ids, () => ({
      alice: {
        email: "alice@northfield.example.org",
        name: "Alice Moreau",
        institution: "Northfield Royal Infirmary",
        role: "Consultant medical oncologist",
        expertise: ["breast cancer"],
        offers: ["breast cancer cohort access"],
        slackUserId: alice.id,
      },
      chen: {
        email: "chen@eastbridge.example.org",
        name: "Chen Wei",
        institution: "Eastbridge College",
        role: "Senior statistician",
        expertise: ["biostatistics"],
        methods: ["survival analysis"],
        offers: ["survival analysis"],
        slackUserId: chen.id,
      },
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  let sent = 0;
  /** The answer Slack shows: the ack's body, or for /find-collaborator (which acks at once) its response_url post. */
  const slash = async (user: { id: string; name: string }, command: string, text: string) => {
    const id = `${user.id}-${++sent}`;
    const response = await postSlashCommand(t, user, command, text, id);
    expect(response.status).toBe(200);
    if (command !== "/find-collaborator") return response.json as SlackReply | undefined;
    return responseUrlAnswer(t, id);
  };

  const find = async (user: { id: string; name: string }, need: string) =>
    JSON.stringify((await slash(user, "/find-collaborator", need))?.blocks);

  const openedModal = async (count: number): Promise<ModalView> => {
    const calls = await vi.waitFor(() => {
      const opened = t.slackApi.callsTo("views.open");
      if (opened.length < count) throw new Error("no modal yet");
      return opened;
    });
    const view = calls[count - 1]!.args.view;
    return (typeof view === "string" ? JSON.parse(view) : view) as ModalView;
  };

  it("guides a Slack user without a profile to make one, in a modal, and then suggests people", async () => {
    const reply = await slash(newbie, "/find-collaborator", "survival analysis for a trial");
    expect(reply!.text).toContain("I need to know a little about you first");
    const button = slackButtons(reply!.blocks).find((b) => b.action_id === "profile.open")!;
    expect(button.text.text).toBe("Create my profile");

    const opened = t.slackApi.callsTo("views.open").length;
    const click = await postInteraction(
      t.baseUrl,
      blockActionsPayload({
        user: newbie,
        actionId: button.action_id,
        value: button.value ?? "",
        responseUrl: t.slackApi.responseUrl("newbie-click"),
        container: { channelId: "C0GENERAL1", messageTs: "1700000000.000900", ephemeral: true },
      }),
    );
    expect(click.status).toBe(200);
    const view = await openedModal(opened + 1);
    expect(view.callback_id).toBe("profile.save");
    expect(JSON.stringify(view.title)).toContain("Create your profile");
    // The time zone comes from Slack (users.info) when nothing recorded it yet.
    expect(t.slackApi.callsTo("users.info").at(-1)?.args.user).toBe(newbie.id);
    const zone = view.blocks.find((b) => b.block_id === "timezone") as {
      element: { initial_value?: string };
    };
    expect(zone.element.initial_value).toBe("Europe/London");
    // Whose public holidays: empty means the zone's country (here GB, with no region).
    expect(view.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(["country", "region"]));

    const missing = await postInteraction(
      t.baseUrl,
      viewSubmissionPayload({ user: newbie, view, values: { name: "Noor Haddad", institution: "" } }),
    );
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({
      response_action: "errors",
      errors: { institution: "Please fill in your institution." },
    });

    const posts = t.slackApi.callsTo("chat.postMessage").length;
    const saved = await postInteraction(
      t.baseUrl,
      viewSubmissionPayload({
        user: newbie,
        view,
        values: {
          name: "Noor Haddad",
          institution: "Riverside Cancer Centre",
          department: "Clinical Oncology",
          role: "Clinical research fellow",
          expertise: "radiotherapy, lung cancer",
          methods: "randomised trials",
          offers: "trial recruitment; radiotherapy planning",
          needs: "biostatistics; survival analysis",
          timezone: "",
          mentoring: "no",
        },
      }),
    );
    expect(saved.status).toBe(200);
    const confirmation = await vi.waitFor(() => {
      const call = t.slackApi.callsTo("chat.postMessage")[posts];
      if (!call) throw new Error("no confirmation yet");
      return call;
    });
    expect(confirmation.args.channel).toBe(newbie.id);
    expect(String(confirmation.args.text)).toContain("Profile created");

    const [identity] = await t.database.db
      .select()
      .from(chatIdentities)
      .where(eq(chatIdentities.userId, newbie.id));
    const [person] = await t.database.db.select().from(people).where(eq(people.id, identity!.personId!));
    expect(person).toMatchObject({
      email: "slack:t0fake001:u0newbie1@chat.invalid",
      name: "Noor Haddad",
      institution: "Riverside Cancer Centre",
      expertise: ["radiotherapy", "lung cancer"],
      offers: ["trial recruitment", "radiotherapy planning"],
      needs: ["biostatistics", "survival analysis"],
      timezone: "Europe/London",
      openToMentoring: false,
    });
    ids.noor = person!.id;

    expect(await find(newbie, "survival analysis for a trial")).toContain(`<@${chen.id}>`);
    // The newcomer is suggested to others at once.
    expect(await find(alice, "radiotherapy planning")).toContain(`<@${newbie.id}>`);
  });

  it("the people CSV adopts a person made in chat: same person, real email", async () => {
    await importPeople(t.database.db, [
      {
        row: 2,
        email: "noor.haddad@riverside.example.org",
        name: "Noor Haddad",
        institution: "Riverside Cancer Centre",
        slack: { teamId: "T0FAKE001", userId: newbie.id },
      },
    ]);
    const rows = await t.database.db.select().from(people).where(eq(people.name, "Noor Haddad"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(ids.noor);
    expect(rows[0]!.email).toBe("noor.haddad@riverside.example.org");
    expect(rows[0]!.expertise).toEqual(["radiotherapy", "lung cancer"]);
  });

  it("`/collab profile` opens the modal filled with the person's profile", async () => {
    const opened = t.slackApi.callsTo("views.open").length;
    await slash(chen, "/collab", "profile");
    const view = await openedModal(opened + 1);
    expect(JSON.stringify(view.title)).toContain("Edit your profile");
    const initial = (id: string) =>
      (view.blocks.find((b) => b.block_id === id) as { element: { initial_value?: string } }).element
        .initial_value;
    expect(initial("institution")).toBe("Eastbridge College");
    expect(initial("methods")).toBe("survival analysis");
    // The career stage the README, the people CSV and the matcher use.
    const stage = view.blocks.find((b) => b.block_id === "career-stage") as unknown as {
      label: { text: string };
      element: { options: { value: string }[] };
    };
    expect(stage.label.text).toBe("Career stage");
    expect(stage.element.options.map((o) => o.value)).toEqual(["early", "mid-career", "senior"]);
    expect(view.blocks.some((b) => b.block_id === "orcid")).toBe(true);
  });

  it("a Teams user makes their profile with a card form (Action.Submit)", async () => {
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, tomas, "profile");
    const card = cardOf(t.connector.calls[before]!.activity);
    const shown = JSON.stringify(card);
    expect(shown).toContain("Input.Text");
    expect(shown).toContain("Europe/London");
    const [submit] = submitActions(card);
    expect(submit!.data.actionId).toBe("profile.save");

    const replies = t.connector.calls.length;
    const response = await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, tomas, {
        ...submit!.data,
        name: "Tomás Silva",
        institution: "Harbour University Hospital",
        department: "Cardiology",
        role: "Cardiologist",
        expertise: "heart failure; echocardiography",
        methods: "",
        offers: "heart failure registry access",
        needs: "machine learning",
        timezone: "Europe/Lisbon",
        "career-stage": "senior",
        mentoring: "yes",
      }),
    );
    expect(response.status).toBe(200);
    expect(shown).toContain("Career stage");
    expect(JSON.stringify(t.connector.calls.slice(replies).map((c) => c.activity))).toContain(
      "Profile created",
    );
    const [person] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.email, `teams:${TEAMS_TENANT_ID}:${tomas.aadObjectId}@chat.invalid`));
    expect(person).toMatchObject({
      institution: "Harbour University Hospital",
      expertise: ["heart failure", "echocardiography"],
      timezone: "Europe/Lisbon",
      careerStage: "senior",
      openToMentoring: true,
    });
    expect(await find(alice, "heart failure registry")).toContain("Tomás Silva");
  });

  /** Tomás saves the profile card (name, institution, mentoring, and `fields`); what the bot answered, as JSON. */
  const tomasSavesProfile = async (fields: Record<string, string>) => {
    const before = t.connector.calls.length;
    await postActivity(
      t.baseUrl,
      teamsSubmit(t.connector.serviceUrl, tomas, {
        actionId: "profile.save",
        name: "Tomás Silva",
        institution: "Harbour University Hospital",
        mentoring: "yes",
        ...fields,
      }),
    );
    return JSON.stringify(t.connector.calls.slice(before).map((c) => c.activity));
  };

  it("a bad time zone is refused beside its field", async () => {
    expect(await tomasSavesProfile({ timezone: "Mars/Olympus" })).toContain("not a time zone I know");
  });

  it("an ORCID iD with a wrong check digit is refused beside its field; a good one is kept canonical", async () => {
    const offers = "heart failure registry access";
    const tomasRow = async () =>
      (
        await t.database.db
          .select()
          .from(people)
          .where(eq(people.email, `teams:${TEAMS_TENANT_ID}:${tomas.aadObjectId}@chat.invalid`))
      )[0]!;
    expect(await tomasSavesProfile({ orcid: "0000-0002-1825-0098", offers })).toContain(
      "That is not an ORCID iD",
    );
    expect((await tomasRow()).orcid).toBeNull();
    expect(await tomasSavesProfile({ orcid: "https://orcid.org/0000-0002-1825-0097", offers })).toContain(
      "Profile updated",
    );
    expect((await tomasRow()).orcid).toBe("0000-0002-1825-0097");
  });

  it("profile text that may identify a patient is refused beside its field and not saved", async () => {
    const before = t.connector.calls.length;
    const answered = await tomasSavesProfile({
      department: "Cardiology",
      offers: "heart failure registry access; follow-up of NHS number 943 476 5919",
    });
    expect(answered).toContain("may identify a patient");
    // The card is shown again with what was typed, to rephrase the one field rather than type it all anew.
    const again = cardOf(t.connector.calls[before]!.activity);
    const shown = JSON.stringify(again);
    expect(shown).toContain("Please check:");
    expect(shown).toContain("What you can offer: ");
    expect(shown).toContain('"value":"Cardiology"');
    expect(shown).toContain("follow-up of NHS number 943 476 5919");
    expect(submitActions(again)[0]!.data.actionId).toBe("profile.save");
    const [person] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.email, `teams:${TEAMS_TENANT_ID}:${tomas.aadObjectId}@chat.invalid`));
    expect(person!.offers).toEqual(["heart failure registry access"]);
  });

  it("keeps the country and region of one's public holidays, and refuses ones the calendar does not know", async () => {
    expect(await tomasSavesProfile({ country: "DE", region: "ZZ" })).toContain("I don't know the region");
    expect(await tomasSavesProfile({ country: "XX" })).toContain("two-letter code");
    expect(await tomasSavesProfile({ country: "gb", region: "sct" })).toContain("Profile updated");
    const [person] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.email, `teams:${TEAMS_TENANT_ID}:${tomas.aadObjectId}@chat.invalid`));
    expect(person).toMatchObject({ country: "GB", region: "SCT" });
  });

  it("pause, opt-out and resume take a person out of suggestions and back", async () => {
    const need = "survival analysis statistician";
    expect(await find(alice, need)).toContain(`<@${chen.id}>`);

    const paused = await slash(chen, "/collab", "pause 2w");
    expect(paused!.text).toMatch(/^Paused until /);
    const [row] = await t.database.db.select().from(people).where(eq(people.id, ids.chen!));
    const days = (row!.pausedUntil!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    expect(await find(alice, need)).not.toContain(`<@${chen.id}>`);

    expect((await slash(chen, "/collab", "resume"))!.text).toContain("Welcome back");
    expect(await find(alice, need)).toContain(`<@${chen.id}>`);

    expect((await slash(chen, "/collab", "opt-out"))!.text).toContain("won't suggest you");
    expect(await find(alice, need)).not.toContain(`<@${chen.id}>`);
    // The person who opted out is told so when they search themselves.
    expect(await find(chen, "breast cancer cohort")).toContain("You have opted out");
    await slash(chen, "/collab", "resume");
    expect(await find(alice, need)).toContain(`<@${chen.id}>`);
  });

  it.each(["", "soon", "2 fortnights", "0d", "500 days"])("`pause %s` gets a short help", async (args) => {
    const reply = await slash(chen, "/collab", `pause ${args}`.trim());
    expect(reply!.text).toMatch(/Tell me how long|at most 366 days/);
    const [row] = await t.database.db.select().from(people).where(eq(people.id, ids.chen!));
    expect(row!.pausedUntil).toBeNull();
  });

  it("pause on Teams, and pause without a profile says how to make one", async () => {
    const before = t.connector.calls.length;
    await teamsSay(t.baseUrl, t.connector.serviceUrl, tomas, "pause 10d");
    expect(JSON.stringify(t.connector.calls[before]!.activity)).toContain("Paused until");
    await teamsSay(t.baseUrl, t.connector.serviceUrl, tomas, "resume");
    const stranger = await slash({ id: "U0STRANGE", name: "x" }, "/collab", "opt-out");
    expect(JSON.stringify(stranger!.blocks)).toContain("profile.open");
  });

  it("follows changes another instance writes to the database", async () => {
    const need = "survival analysis statistician";
    expect(await find(alice, need)).toContain(`<@${chen.id}>`);
    await t.database.db
      .update(people)
      .set({ optedOut: true, updatedAt: sql`clock_timestamp()` })
      .where(eq(people.id, ids.chen!));
    expect(await find(alice, need)).not.toContain(`<@${chen.id}>`);
    await t.database.db
      .update(people)
      .set({
        optedOut: false,
        expertise: ["biostatistics", "pharmacokinetics"],
        updatedAt: sql`clock_timestamp()`,
      })
      .where(eq(people.id, ids.chen!));
    expect(await find(alice, "pharmacokinetics")).toContain(`<@${chen.id}>`);
  });
});
