// What the scheduled digest run needs from storage: coordinators' schedules and a once-only send; db/digest-store.ts implements it.
import type { OutgoingMessage } from "../outgoing.ts";
import type { CoordinatedProgramme } from "./digest-port.ts";
import type { DigestSnapshot, Span } from "./digest-snapshot.ts";

/** One coordinator of one programme, with their digest settings, zone and when they became coordinator. */
export interface ScheduledCoordinator extends CoordinatedProgramme {
  personId: string;
  createdAt: Date;
  /** Whose public holidays the coordinator keeps (null: their zone's country, when only one uses it). */
  country?: string | null;
  region?: string | null;
}

/** How the core turns a claimed digest into its message: the period from the last digest, the message from the snapshot. */
export interface DigestComposer {
  period(lastDigestAt: Date | null): Span;
  compose(snapshot: DigestSnapshot): { message: OutgoingMessage; counts: Record<string, number> };
}

export interface ScheduledDigestPort {
  /** Every coordinator of every programme, by programme name. */
  coordinators(): Promise<ScheduledCoordinator[]>;
  /**
   * In one transaction: claims the coordinator's digest for `slot` (false when another instance holds it or it
   * was sent already), loads the snapshot for the composer's period, enqueues the composed message and audits
   * "digest.send" with its counts.
   */
  sendScheduled(
    input: { coordinator: ScheduledCoordinator; slot: Date; now: Date },
    composer: DigestComposer,
  ): Promise<boolean>;
}
