// The press ledger: the first press of a prompt's button claims its row, in the transaction of the change it makes.
import { and, eq } from "drizzle-orm";
import type { PressLedger, RecordedPress } from "../core/presses/press-port.ts";
import type { Db } from "./client.ts";
import { buttonPresses } from "./schema.ts";
import { inOneTransaction } from "./unit-of-work.ts";

const OUTCOME_MAX = 200;

export function createPressLedger(db: Db): PressLedger {
  async function recorded(promptKey: string, actionId: string): Promise<RecordedPress | null> {
    const [row] = await db
      .select()
      .from(buttonPresses)
      .where(and(eq(buttonPresses.promptKey, promptKey), eq(buttonPresses.actionId, actionId)));
    return row
      ? { promptKey: row.promptKey, actionId: row.actionId, pressedAt: row.pressedAt, outcome: row.outcome }
      : null;
  }

  return {
    async once(attempt, change) {
      // A press that loses the race waits on the unique index for the winner's transaction: when the winner keeps
      // its claim the loser reads it; when the winner lets it go (nothing changed) the loser's insert goes in. The
      // read after a conflict can miss a claim let go in between, so try again (twice is plenty).
      for (let round = 0; ; round++) {
        const outcome = await inOneTransaction(db, async (tx) => {
          const claimed = await tx
            .insert(buttonPresses)
            .values({
              promptKey: attempt.promptKey,
              actionId: attempt.actionId,
              pressed: attempt.pressed,
              personId: attempt.personId,
              pressedAt: attempt.at,
              outcome: "",
            })
            .onConflictDoNothing()
            .returning({ id: buttonPresses.id });
          if (claimed.length === 0) return { kind: "taken" as const };
          const id = claimed[0]!.id;
          const done = await change();
          if (done.outcome === null) await tx.delete(buttonPresses).where(eq(buttonPresses.id, id));
          else
            await tx
              .update(buttonPresses)
              .set({ outcome: done.outcome.slice(0, OUTCOME_MAX) })
              .where(eq(buttonPresses.id, id));
          return { kind: "first" as const, result: done.result };
        });
        if (outcome.kind === "first") return outcome;
        const press = await recorded(attempt.promptKey, attempt.actionId);
        if (press) return { kind: "again", press };
        if (round >= 2) throw new Error("A button press could neither be claimed nor read; try again");
      }
    },
  };
}
