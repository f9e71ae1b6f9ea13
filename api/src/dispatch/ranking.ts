import type { OfferReason, PriorityGroup } from '@linggong/protocol';
import { roundKm } from '../presence/geo.js';

/**
 * The whole ranking rule in one place (documented in the README).
 * Distance has the largest weight and the proximity term falls strictly with distance, so
 * among otherwise equal workers the nearer always ranks first; reliability, rotation and
 * priority can together outweigh a few kilometres, by design.
 */
export const RANKING_WEIGHTS = {
  distance: 0.5,
  reliability: 0.2,
  waiting: 0.2,
  priority: 0.1,
} as const;

/** Distance at which the proximity term halves. */
export const PROXIMITY_HALF_KM = 3;
/** Waiting longer than this today earns the full rotation term. */
export const WAITING_FULL_MINUTES = 180;

export interface Candidate {
  workerId: string;
  distanceKm: number;
  /** 0..1, from shows, completions, late cancels and no-shows. */
  reliability: number;
  waitingMinutes: number;
  priority: PriorityGroup;
}

export interface RankedCandidate extends Candidate {
  score: number;
  reasons: string[];
  reasonDetails: OfferReason[];
}

export function proximity(distanceKm: number): number {
  return 1 / (1 + distanceKm / PROXIMITY_HALF_KM);
}

export function score(c: Candidate): { total: number; parts: Record<keyof typeof RANKING_WEIGHTS, number> } {
  const parts = {
    distance: RANKING_WEIGHTS.distance * proximity(c.distanceKm),
    reliability: RANKING_WEIGHTS.reliability * clamp01(c.reliability),
    waiting: RANKING_WEIGHTS.waiting * clamp01(c.waitingMinutes / WAITING_FULL_MINUTES),
    priority: c.priority === 'none' ? 0 : RANKING_WEIGHTS.priority,
  };
  return { total: parts.distance + parts.reliability + parts.waiting + parts.priority, parts };
}

/** Best first; ties broken by distance, then by id so the order is stable. */
export function rankCandidates(candidates: readonly Candidate[]): RankedCandidate[] {
  return bestFirst(candidates).map(explain);
}

/** Only the best `limit`, explained; the same order as `rankCandidates`. */
export function topCandidates(candidates: readonly Candidate[], limit: number): RankedCandidate[] {
  return bestFirst(candidates).slice(0, limit).map(explain);
}

function bestFirst(candidates: readonly Candidate[]): Candidate[] {
  return candidates
    .map((c) => ({ c, s: score(c).total }))
    .sort((a, b) => b.s - a.s || a.c.distanceKm - b.c.distanceKm || a.c.workerId.localeCompare(b.c.workerId))
    .map((x) => x.c);
}

function explain(c: Candidate): RankedCandidate {
  const { total, parts } = score(c);
  const reasons = [`${roundKm(c.distanceKm)} km`];
  const share = (v: number) => (total > 0 ? Math.round((v / total) * 100) / 100 : 0);
  const details: OfferReason[] = [{ code: 'distance', value: roundKm(c.distanceKm), weight: share(parts.distance) }];
  details.push({ code: 'reliability', value: Math.round(clamp01(c.reliability) * 100), weight: share(parts.reliability) });
  reasons.push(`可靠度 ${Math.round(clamp01(c.reliability) * 100)}%`);
  if (c.waitingMinutes >= 1) {
    details.push({ code: 'waiting', value: Math.round(c.waitingMinutes), weight: share(parts.waiting) });
    reasons.push(`今日已等候 ${Math.round(c.waitingMinutes)} 分钟`);
  }
  if (c.priority !== 'none') {
    details.push({ code: 'priority', value: 1, weight: share(parts.priority) });
    reasons.push(c.priority === 'older' ? '大龄劳动者优先' : '就业困难人员优先');
  }
  return { ...c, score: Math.round(total * 10000) / 10000, reasons, reasonDetails: details };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/**
 * Reliability from a worker's record, with a prior of 4 good shifts so a newcomer starts
 * at 1 and one early no-show does not ruin them. Declines never count against a worker.
 */
export function reliabilityOf(record: { completedCount: number; lateCancelCount: number; noShowCount: number }): number {
  const good = record.completedCount + 4;
  const bad = record.lateCancelCount + 2 * record.noShowCount;
  return good / (good + bad);
}
