/** Operator evaluation (绩效评价), coverage and the region tree (issue #18; docs/evaluation.md). */

export type EvaluationScore = 'pass' | 'improve' | 'fail';
export type ScoredMetric = 'fillRate' | 'timeToFillP50Min' | 'casesClosedInTimeRate' | 'overdueCases' | 'servedPerStaff';
export type EvaluationThresholds = Record<ScoredMetric, { pass: number; fail: number }>;

/** GET/PUT /api/evaluation/thresholds. */
export interface ThresholdsResponse {
  regionCode: string;
  thresholds: EvaluationThresholds;
  /** Where each band comes from: this region or an ancestor's code, null for the default. */
  sources: Record<ScoredMetric, string | null>;
}

export interface EvaluationMetrics {
  served: number;
  fillRate: number | null;
  timeToFillP50Min: number | null;
  casesClosed: number;
  casesClosedInTime: number;
  casesClosedInTimeRate: number | null;
  overdueCases: number;
  staffOnDuty: number;
  servedPerStaff: number | null;
}

export interface EvaluationResult {
  marketId: string;
  marketName: string;
  operator: 'hrss' | 'co_branded' | 'contracted';
  regionCode: string;
  /** 'YYYY-MM' or 'YYYY-Qn'. */
  period: string;
  metrics: EvaluationMetrics;
  /** null: nothing to measure in the period (not scored). */
  scores: Record<ScoredMetric, EvaluationScore | null>;
  grade: EvaluationScore;
  exitFlag: boolean;
  /** The thresholds the market was scored with. */
  thresholds: EvaluationThresholds;
  evaluatedAt: string;
}

/** POST /api/evaluation/runs → 201. */
export interface EvaluationRun {
  regionCode: string;
  period: string;
  evaluatedAt: string;
  results: EvaluationResult[];
}

export interface CoverageCell {
  lat: number;
  lng: number;
  shifts: number;
  positions: number;
  waitingWorkers: number;
  nearestMarketKm: number | null;
  nearestMarketId: string | null;
}

/** GET /api/coverage. */
export interface CoverageResponse {
  regionCode: string;
  month: string;
  radiusKm: number;
  cells: CoverageCell[];
}

export interface RegionInfo {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

/** GET /api/regions/:code. */
export interface RegionWithPath extends RegionInfo {
  path: RegionInfo[];
}
