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

/** The "Request intro" button's value: the candidate and the question, e.g. "9b2c…:42". */
export function introButtonValue(candidateId: string, findRequestId: number): string {
  return `${candidateId}:${findRequestId}`;
}

export function readIntroButtonValue(value: string): { candidateId: string; findRequestId: number } | null {
  const match = value.match(/^([0-9a-f-]{36}):(\d{1,15})$/i);
  return match ? { candidateId: match[1]!.toLowerCase(), findRequestId: Number(match[2]) } : null;
}
