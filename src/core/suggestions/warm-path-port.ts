// Warm paths: a person who has written papers both with the requester and with a suggested person.

export interface WarmPaths {
  /** For each candidate who has one, a co-author they share with the requester (person id), by candidate id. */
  sharedCoauthors(requesterId: string, candidateIds: readonly string[]): Promise<Map<string, string>>;
}
