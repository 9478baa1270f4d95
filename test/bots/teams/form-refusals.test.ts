// A Teams form refused (patient-data guard, a bad date, a day off work) comes back as the card again, holding what
// was typed and the reason, so the person can correct or rephrase it: milestone, mentor log, digest settings, away,
// check-in question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.ts";
import { mentorships, milestones, programmeMembers, programmes } from "../../../src/db/schema.ts";
import { cardOf, submitActions, teamsSubmit } from "../../helpers/collab.ts";
import { seedPartnership } from "../../helpers/partnerships.ts";
import { seedPerson } from "../../helpers/seed.ts";
import {
  adaptiveCardInvoke,
  personalMessage,
  postActivity,
  teamsUserBob,
} from "../../helpers/teams-activities.ts";
import { startTestApp, type TestApp } from "../../helpers/test-app.ts";

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

/** The value an input of a card (as JSON text) holds. */
function inputValue(card: string, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.id === id && String(record.type).startsWith("Input.")) found = record.value;
      Object.values(record).forEach(walk);
    }
  };
  walk(JSON.parse(card));
  return found;
}

describe("Teams forms refused: the card again with what was typed and why", () => {
  let t: TestApp;
  let db: Db;
  let bobId: string;
  let partnershipId: string;
  let mentorshipId: string;

  /** Bob types a command; the form card the bot sends back, and its submit button's data. */
  async function openForm(text: string) {
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, personalMessage(t.connector.serviceUrl, text));
    const sent = t.connector.calls.slice(before).filter((c) => c.kind === "send" || c.kind === "reply");
    expect(sent.length, text).toBeGreaterThan(0);
    const card = cardOf(sent.at(-1)!.activity);
    const [submit] = submitActions(card);
    expect(submit, `${text}: a submit button`).toBeDefined();
    return submit!.data;
  }

  /** The form submitted with Action.Execute; the card the invoke answers with, as text. */
  async function execute(data: Record<string, unknown>): Promise<string> {
    const response = await postActivity(
      t.baseUrl,
      adaptiveCardInvoke(t.connector.serviceUrl, { verb: String(data.actionId), data }),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as InvokeBody;
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    return JSON.stringify(body.value);
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    bobId = await seedPerson(db, {
      email: "bob@stmarys.nhs.uk",
      name: "Bob Okafor",
      timezone: "Europe/London",
      teams: { aadObjectId: teamsUserBob.aadObjectId, serviceUrl: t.connector.serviceUrl },
    });
    const ana = await seedPerson(db, { email: "ana@northfield.ac.uk", name: "Ana Silva" });
    const [programme] = await db.insert(programmes).values({ name: "Oncology Network" }).returning();
    await db
      .insert(programmeMembers)
      .values({ programmeId: programme!.id, personId: bobId, role: "coordinator" });
    partnershipId = await seedPartnership(db, {
      title: "Cohort study",
      members: [bobId, ana],
      programmeId: programme!.id,
    });
    const [m] = await db.insert(mentorships).values({ mentorId: bobId, menteeId: ana }).returning();
    mentorshipId = m!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it("milestone: a title with a patient's date of birth comes back in the card with the reason", async () => {
    const data = await openForm("milestone");
    const card = await execute({
      ...data,
      partnership: partnershipId,
      title: "Recruit the patient born 14/07/1961",
      kind: "other",
      due: "2027-03-31",
      achieved: "no",
    });
    expect(card).toContain("Please check:");
    expect(card).toContain("Milestone: ");
    expect(card).toContain("rephrase");
    expect(inputValue(card, "title")).toBe("Recruit the patient born 14/07/1961");
    expect(inputValue(card, "due")).toBe("2027-03-31");
    expect(await db.select().from(milestones)).toEqual([]);
  });

  it("milestone: a bad date comes back in the card naming the format, and so through Action.Submit", async () => {
    const data = await openForm("milestone");
    const inputs = { partnership: partnershipId, title: "Ethics approval", kind: "other", due: "31/03/2027" };
    const card = await execute({ ...data, ...inputs });
    expect(card).toContain("Write the date as YYYY-MM-DD");
    expect(card).toContain('"value":"31/03/2027"');
    expect(card).toContain('"value":"Ethics approval"');
    // Action.Submit (older clients): the form comes as a new card, with the same values and reason.
    const before = t.connector.calls.length;
    await postActivity(t.baseUrl, teamsSubmit(t.connector.serviceUrl, teamsUserBob, { ...data, ...inputs }));
    const sent = JSON.stringify(t.connector.calls.slice(before).map((c) => c.activity));
    expect(sent).toContain("Write the date as YYYY-MM-DD");
    expect(sent).toContain('"value":"31/03/2027"');
  });

  it("mentor log: a next step naming a patient comes back in the card with the reason", async () => {
    const data = await openForm("mentor log");
    const card = await execute({
      ...data,
      mentorship: mentorshipId,
      met_on: "2026-11-02",
      next_step: "ask Mrs Quennell, aged 67, about consent",
    });
    expect(card).toContain("Please check:");
    expect(card).toContain("rephrase");
    expect(card).toContain('"value":"ask Mrs Quennell, aged 67, about consent"');
    expect(card).toContain('"value":"2026-11-02"');
  });

  it("digest settings: an hour outside the working day comes back in the card with the reason", async () => {
    const data = await openForm("digest settings");
    // Thursday was chosen; three in the morning is no hour the form offers (an old card, a changed range).
    const card = await execute({ ...data, weekday: "4", hour: "3" });
    expect(card).toContain("Choose an hour of the working day");
    expect(inputValue(card, "weekday")).toBe("4");
  });

  it("away: a reason naming a patient comes back in the card with the reason", async () => {
    const data = await openForm("away");
    const card = await execute({
      ...data,
      from: "2026-12-21",
      to: "2027-01-03",
      reason: "caring for patient Harriet Quillfeather",
    });
    expect(card).toContain("Please check:");
    expect(card).toContain("rephrase");
    expect(card).toContain('"value":"caring for patient Harriet Quillfeather"');
    expect(card).toContain('"value":"2026-12-21"');
  });

  it("check-in question: a question naming a patient comes back in the card with the reason", async () => {
    const data = await openForm("question Cohort study");
    const card = await execute({
      ...data,
      question: "Has Harriet Quillfeather consented?",
      "choice-1": "Yes",
      "choice-2": "No",
    });
    expect(card).toContain("Please check:");
    expect(card).toContain("Has Harriet Quillfeather consented?");
  });
});
