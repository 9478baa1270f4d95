// Keeps each /find-collaborator question for a week, so that "Request intro" buttons carry a short reference to it.

export interface FindRequest {
  id: number;
  requesterId: string;
  need: string;
  /** Who was suggested, best first. */
  candidateIds: string[];
  createdAt: Date;
}

export interface FindRequestStore {
  /** `now` is the clock's: a question's week, like the intro's, is counted on it. */
  record(requesterId: string, need: string, candidateIds: readonly string[], now: Date): Promise<number>;
  byId(id: number): Promise<FindRequest | null>;
  /** Forgets questions older than `before`: needs are free text, kept no longer than their buttons work. */
  prune(before: Date): Promise<number>;
}

/**
 * The "Request intro" button's value: the candidate and the question, e.g. "9b2c…:42"; a warm-path button (ask a
 * shared co-author for an intro) adds whom the co-author is asked to introduce the requester to: "<via>:42:<target>".
 */
export function introButtonValue(candidateId: string, findRequestId: number, targetId?: string): string {
  return targetId ? `${candidateId}:${findRequestId}:${targetId}` : `${candidateId}:${findRequestId}`;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const BUTTON_VALUE = new RegExp(`^(${UUID}):(\\d{1,15})(?::(${UUID}))?$`, "i");

export function readIntroButtonValue(
  value: string,
): { candidateId: string; findRequestId: number; targetId?: string } | null {
  const match = value.match(BUTTON_VALUE);
  if (!match) return null;
  const parsed = { candidateId: match[1]!.toLowerCase(), findRequestId: Number(match[2]) };
  return match[3] ? { ...parsed, targetId: match[3].toLowerCase() } : parsed;
}
