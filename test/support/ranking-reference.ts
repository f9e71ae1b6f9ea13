import { explain, ranksAbove, score, TopRanked, type Candidate, type RankedCandidate } from '../../api/src/dispatch/ranking.js';

/**
 * The plain statement of the ranking rule (score everyone, sort best first, explain): what TopRanked's heap
 * and every presence store's search must agree with. Test-only: production ranks through TopRanked.
 */
export function rankCandidates(candidates: readonly Candidate[]): RankedCandidate[] {
  return candidates
    .map((c) => ({ c, total: score(c).total }))
    .sort((a, b) => (ranksAbove(a.total, a.c.distanceKm, a.c.workerId, b.total, b.c.distanceKm, b.c.workerId) ? -1 : 1))
    .map(({ c }) => explain(c));
}

/** Only the best `limit`, through TopRanked; must give the same order as `rankCandidates`. */
export function topCandidates(candidates: readonly Candidate[], limit: number): RankedCandidate[] {
  const top = new TopRanked(limit);
  for (const c of candidates) top.considerCandidate(c);
  return top.best();
}
