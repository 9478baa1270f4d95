// One length cap per stored free-text field: the chat forms, commands and imports refuse longer text naming the
// limit (never cutting it silently), and the database's CHECK constraints (src/db/schema.ts) use the same numbers.
export const TEXT_LIMITS = {
  /** `find-collaborator <need>`; kept with the suggestions (find_requests) and copied onto an intro. */
  need: 1000,
  /** A check-in answer's optional note. */
  checkinNote: 500,
  /** A coordinator's check-in question and its optional free-text question. */
  checkinQuestion: 150,
  /** Each answer choice of a custom check-in question: Slack's button text holds 75 characters. */
  checkinChoice: 75,
  /** A logged mentor meeting's next step. */
  meetingNextStep: 500,
  milestoneTitle: 150,
  partnershipTitle: 120,
  mentorshipGoals: 500,
  profileName: 120,
  /** Institution, department, role, career stage. */
  profileLine: 200,
  /** Each item of expertise, methods, offers and needs … */
  profileListItem: 100,
  /** … and how many items each list holds. */
  profileListItems: 25,
  /** `/collab away <from> <to> [reason]`: the reason, which partners never see. */
  awayReason: 200,
} as const;
