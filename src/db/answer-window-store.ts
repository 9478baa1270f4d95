// Programmes' answer windows in Postgres; every change is audited in the same transaction.
import { eq, inArray } from "drizzle-orm";
import type { AnswerWindowStore } from "../core/calendar/answer-window-port.ts";
import { recordAudit } from "./audit.ts";
import { windowOf } from "./checkin-store.ts";
import type { Db } from "./client.ts";
import { programmes } from "./schema.ts";

export function createAnswerWindowStore(db: Db): AnswerWindowStore {
  return {
    async windowsOf(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .select({
          id: programmes.id,
          name: programmes.name,
          answerDays: programmes.answerDays,
          answerStartHour: programmes.answerStartHour,
          answerEndHour: programmes.answerEndHour,
        })
        .from(programmes)
        .where(inArray(programmes.id, [...ids]))
        .orderBy(programmes.name);
      return rows.map((row) => ({ id: row.id, name: row.name, window: windowOf(row) }));
    },

    async setWindow({ programmeId, window, by, platform }) {
      await db.transaction(async (tx) => {
        await tx
          .update(programmes)
          .set({
            answerDays: [...window.days],
            answerStartHour: window.startHour,
            answerEndHour: window.endHour,
          })
          .where(eq(programmes.id, programmeId));
        await recordAudit(tx, {
          actor: by,
          platform,
          action: "programme.answer-window",
          subject: programmeId,
          details: { days: [...window.days], startHour: window.startHour, endHour: window.endHour },
        });
      });
    },
  };
}
