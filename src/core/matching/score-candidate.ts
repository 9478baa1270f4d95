// Weighs the parts of a match (relevance, reciprocity, complementarity, centre, load) into one score.

export const scoreWeights = {
  /** Added in full when the candidate needs something the requester offers or knows. */
  reciprocity: 0.15,
  /** A candidate from another institution than the requester's. */
  otherInstitution: 0.04,
  /** A candidate from a centre smaller than most (scaled by how small). */
  smallCentre: 0.03,
  /** A candidate from another department than the requester's. */
  otherDepartment: 0.03,
  /** An early-career requester and a candidate open to mentoring. */
  mentoring: 0.03,
  /** Taken off, scaled by how alike the two people's expertise and role are (0 to 1). */
  sameness: 0.3,
  /** Taken off for each active partnership from the third on, up to loadMax. */
  loadPerPartnership: 0.05,
  loadFrom: 3,
  loadMax: 0.16,
} as const;

/** The most that anything but relevance can add: a candidate whose relevance is this far behind cannot catch up. */
export const maxBonus =
  scoreWeights.reciprocity +
  scoreWeights.otherInstitution +
  scoreWeights.smallCentre +
  scoreWeights.otherDepartment +
  scoreWeights.mentoring;

export interface ScoreParts {
  /** 0 to 1: how much of the need the candidate's profile covers, rare terms counting more. */
  relevance: number;
  /** 0 to 1: how much of the candidate's needs the requester covers. */
  reciprocity: number;
  /** 0 to 1: overlap of the two people's expertise and role. */
  sameness: number;
  otherInstitution: boolean;
  otherDepartment: boolean;
  /** 0 to 1: 1 for a one-person centre, 0 for a centre at least twice the average size. */
  smallCentre: number;
  mentoring: boolean;
  activePartnerships: number;
}

export function loadPenalty(activePartnerships: number): number {
  if (activePartnerships < scoreWeights.loadFrom) return 0;
  const over = activePartnerships - scoreWeights.loadFrom + 1;
  return Math.min(scoreWeights.loadMax, over * scoreWeights.loadPerPartnership);
}

export function combineScore(p: ScoreParts): number {
  let score = p.relevance;
  if (p.reciprocity > 0) score += scoreWeights.reciprocity * (0.6 + 0.4 * p.reciprocity);
  if (p.otherInstitution) score += scoreWeights.otherInstitution;
  if (p.otherDepartment) score += scoreWeights.otherDepartment;
  if (p.mentoring) score += scoreWeights.mentoring;
  score += scoreWeights.smallCentre * p.smallCentre;
  score -= scoreWeights.sameness * p.sameness;
  score -= loadPenalty(p.activePartnerships);
  return score;
}
