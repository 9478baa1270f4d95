// "Did you meet?" in the terminal chat: the ask arrives after `jobs run meet-asks --now …`, is answered by number,
// and the second person hears nothing of a "Not a good fit".
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { meetAsks, outbox, partnerships, people } from "../../src/db/schema.ts";
import { openChat, useDemoDatabase } from "../helpers/console-chat.ts";
import { seedPartnership } from "../helpers/partnerships.ts";

const AMARA = "amara.nwosu@riverside.example";
const HELEN = "helen.ward@northfield.example";

describe('"Did you meet?" in the terminal', () => {
  const demo = useDemoDatabase();

  it("asks at the local hour, takes the answer by number, and ends the pair quietly", async () => {
    const database = demo();
    const person = async (email: string) =>
      (await database.db.select().from(people).where(eq(people.email, email)))[0]!;
    const [amara, helen] = [await person(AMARA), await person(HELEN)];
    const partnershipId = await seedPartnership(database.db, {
      title: "Amara & Helen",
      members: [amara.id, helen.id],
      startedAt: "2026-11-27T12:00:00Z",
    });
    await database.db.insert(meetAsks).values({
      partnershipId,
      personId: amara.id,
      dueAt: new Date("2026-12-04T12:00:00Z"),
    });
    const zone = amara.timezone ?? "Europe/London";
    // Monday 7 December: at 08:30 in Amara's zone it is too early; at 10:05 the ask goes out.
    const wall = (time: string) => DateTime.fromISO(`2026-12-07T${time}`, { zone }).toUTC().toISO()!;

    const chat = openChat(database, AMARA);
    await chat.waitFor("`quit` to leave.");
    chat.type(`jobs run meet-asks --now ${wall("08:30")}`);
    await chat.waitFor('0 "did you meet?" asks enqueued');
    chat.type(`jobs run meet-asks --now ${wall("10:05")}`);
    const ask = await chat.waitFor(/\[\d+\] Not a good fit/);
    expect(ask).toContain("Did you meet?");
    expect(ask).toContain("Helen Ward");
    const notFit = /\[(\d+)\] Not a good fit/.exec(ask)?.[1];
    chat.type(notFit ?? "");
    await chat.waitFor("(updated)\nDid you meet?");
    await chat.waitFor("quietly ended the partnership");
    expect((await chat.close()).code).toBe(0);

    const [pair] = await database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId));
    expect(pair!.status).toBe("ended");
    const toHelen = (await database.db.select().from(outbox)).filter(
      (r) => r.personId === helen.id && JSON.stringify(r.message).includes("Amara"),
    );
    expect(toHelen).toEqual([]);
  });
});
