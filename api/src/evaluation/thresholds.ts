/** The five scored metrics, and which way is better. */
export const METRICS = {
  fillRate: 'higher',
  timeToFillP50Min: 'lower',
  casesClosedInTimeRate: 'higher',
  overdueCases: 'lower',
  servedPerStaff: 'higher',
} as const;

export type ScoredMetric = keyof typeof METRICS;
export interface Band {
  pass: number;
  fail: number;
}
export type Thresholds = Record<ScoredMetric, Band>;

/**
 * Defaults for a region that set none (and whose ancestors set none). Counts (overdueCases) and
 * servedPerStaff are per month; a quarter's count is compared with three times the threshold.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  fillRate: { pass: 0.8, fail: 0.5 },
  timeToFillP50Min: { pass: 120, fail: 480 },
  casesClosedInTimeRate: { pass: 0.9, fail: 0.7 },
  overdueCases: { pass: 0, fail: 3 },
  servedPerStaff: { pass: 60, fail: 20 },
};

/** A band is sensible when passing is at least as hard as not failing. */
export function bandProblems(t: Partial<Thresholds>): ScoredMetric[] {
  return (Object.keys(t) as ScoredMetric[]).filter((k) => {
    const b = t[k]!;
    return METRICS[k] === 'higher' ? b.pass < b.fail : b.pass > b.fail;
  });
}

/** The thresholds in force for a region: the nearest ancestor's set (itself first), metric by metric, then the defaults. */
export function effectiveThresholds(chain: Array<Partial<Thresholds> | undefined>): Thresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(METRICS) as ScoredMetric[]) {
    const found = chain.find((t) => t?.[k]);
    if (found) out[k] = found[k]!;
  }
  return out;
}
