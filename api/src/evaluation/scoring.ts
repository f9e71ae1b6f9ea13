import type { EvaluationMetrics } from '@linggong/protocol';
import { METRICS, type ScoredMetric, type Thresholds } from './thresholds.js';

export type Score = 'pass' | 'improve' | 'fail';

/** The measured figures of one market and period, as the protocol gives them. */
export type Metrics = EvaluationMetrics;

const RANK: Record<Score, number> = { pass: 0, improve: 1, fail: 2 };

/**
 * One metric against its band. Higher is better: pass at or above `pass`, fail below `fail`. Lower is
 * better: pass at or below `pass`, fail above `fail`. In between: needs improvement. A metric with
 * nothing to measure (no positions posted, no case closed) scores null and does not count.
 */
export function scoreMetric(metric: ScoredMetric, value: number | null, band: { pass: number; fail: number }): Score | null {
  if (value === null) return null;
  if (METRICS[metric] === 'higher') return value >= band.pass ? 'pass' : value < band.fail ? 'fail' : 'improve';
  return value <= band.pass ? 'pass' : value > band.fail ? 'fail' : 'improve';
}

/** Count thresholds are per month: a quarter's count is held to three months' worth. */
export function scaledBand(metric: ScoredMetric, band: { pass: number; fail: number }, months: number) {
  return metric === 'overdueCases' ? { pass: band.pass * months, fail: band.fail * months } : band;
}

export function scoreAll(metrics: Metrics, thresholds: Thresholds, months: number): Record<ScoredMetric, Score | null> {
  const out = {} as Record<ScoredMetric, Score | null>;
  for (const k of Object.keys(METRICS) as ScoredMetric[]) out[k] = scoreMetric(k, metrics[k], scaledBand(k, thresholds[k], months));
  return out;
}

/** The overall grade is the worst scored metric; a market with nothing to score passes. */
export function grade(scores: Record<string, Score | null>): Score {
  return Object.values(scores).reduce<Score>((worst, s) => (s && RANK[s] > RANK[worst] ? s : worst), 'pass');
}

/** The plan's exit rule: a contracted market that fails this period and failed the one before. */
export function exitFlag(operator: string, current: Score, previous: Score | undefined): boolean {
  return operator === 'contracted' && current === 'fail' && previous === 'fail';
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
