// What mentoring needs from storage; src/db/mentoring-store.ts implements it.
import type { ChatAddress } from "../message.ts";

export interface MentorshipSummary {
  id: string;
  mentor: { id: string; name: string };
  mentee: { id: string; name: string };
  mentorTimezone: string | null;
  followUpDays: number;
}

/** How a coordinator names a person: a chat mention (a user id on their platform) or an email address. */
export type PersonHandle = { kind: "address"; address: ChatAddress } | { kind: "email"; email: string };

export interface NewMentorship {
  mentorId: string;
  menteeId: string;
  programmeId: string;
  goals?: string | null;
  rhythmDays?: number;
  followUpDays?: number;
}

export interface MeetingLog {
  mentorshipId: string;
  loggedBy: string;
  /** YYYY-MM-DD */
  metOn: string;
  nextStep: string | null;
  nextFollowUpAt: Date;
}

export interface MentoringStore {
  /** Active mentorships where the person is mentor or mentee. */
  mentorshipsOf(personId: string): Promise<MentorshipSummary[]>;
  mentorship(id: string): Promise<MentorshipSummary | null>;
  findPerson(handle: PersonHandle): Promise<{ id: string; name: string } | null>;
  /** Adds an active mentorship (audited); "exists" when the pair already has an active one. */
  addMentorship(
    mentorship: NewMentorship,
    by: { personId: string; platform: string },
  ): Promise<"created" | "exists">;
  /** Records a meeting, sets the next follow-up and lets a later silence be nudged again. */
  logMeeting(meeting: MeetingLog): Promise<void>;
  /** Moves (or with null, clears) the mentor's next follow-up prompt. */
  setNextFollowUp(mentorshipId: string, at: Date | null): Promise<void>;
}
