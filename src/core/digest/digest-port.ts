// What the digest feature needs from storage; db/digest-store.ts implements it over the schema.
import type { Platform } from "../message.ts";
import type { OutgoingMessage } from "../outgoing.ts";
import type { DigestSnapshot, Span } from "./digest-snapshot.ts";

/** A programme as its coordinator sees it, with their digest settings and time zone. */
export interface CoordinatedProgramme {
  id: string;
  name: string;
  weekday: number;
  hour: number;
  lastDigestAt: Date | null;
  /** The coordinator's zone: their profile's, else their chat platform's, else UTC. */
  timezone: string;
}

export interface PartnershipRef {
  id: string;
  title: string;
  programmeId: string | null;
  status: string;
  memberIds: readonly string[];
}

export interface DigestStore {
  /** The programmes this person coordinates, by name. */
  coordinatedProgrammes(personId: string): Promise<CoordinatedProgramme[]>;
  snapshot(input: {
    programme: { id: string; name: string };
    period: Span;
    now: Date;
    timezone: string;
  }): Promise<DigestSnapshot>;
  saveSettings(input: {
    personId: string;
    programmeId: string;
    weekday: number;
    hour: number;
  }): Promise<boolean>;
  /** Audit row "digest.send" with counts only. */
  recordSent(input: {
    coordinatorId: string;
    platform: Platform | "system";
    programmeId: string;
    trigger: "scheduled" | "on-demand";
    counts: Record<string, number>;
  }): Promise<void>;
  partnership(partnershipId: string): Promise<PartnershipRef | null>;
  /** Enqueues the nudges and an audit row in one transaction; returns how many were new (not sent today). */
  nudge(input: {
    partnershipId: string;
    by: string;
    platform: Platform;
    messages: readonly OutgoingMessage[];
  }): Promise<number>;
  /** active → paused with an audit row; false when it was not active. */
  pause(input: { partnershipId: string; by: string; platform: Platform }): Promise<boolean>;
}
