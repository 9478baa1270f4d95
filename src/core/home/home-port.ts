// What the home overview needs from storage beyond profiles and partnerships: a person's open intros.

/** An intro waiting for an answer: one the person asked for, or one asked of them. */
export interface OpenIntro {
  id: string;
  /** "sent": they asked to meet `otherName`; "received": `otherName` asked to meet them. */
  direction: "sent" | "received";
  otherName: string;
  otherInstitution: string | null;
  expiresAt: Date;
}

export interface HomeIntroStore {
  /** Pending, unexpired intros the person asked for or was asked for, soonest to expire first. */
  openIntrosOf(personId: string, now: Date): Promise<OpenIntro[]>;
}
