/**
 * Issue 18's figures, trends, evaluation and coverage as the officer console reads them (the routes
 * agreed for the issue; named apart from figures.ts and evaluation.ts of the branches that serve them). Fields beyond MonthlyFigures are optional: a server without them still
 * answers the fixed fields, and the console says what it lacks.
 */
import type { MarketOperator } from './model.js';
import type { MonthlyFigures, WageLevels } from './publication.js';

/** Matching: how postings turned into hires in the period. Rates 0..1, null when nothing to divide by. */
export interface MatchingFigures {
  shiftsPosted: number;
  positionsPosted: number;
  positionsFilled: number;
  fillRate: number | null;
  timeToFillMinutes: { p50: number; p90: number } | null;
  offersPerHire: number | null;
  lateCancels: number;
  noShows: number;
  assistedHires: number;
}

/** 兜底: each priority group's share of those waiting, of hires and of earnings. */
export interface FloorFigures {
  groups: Array<{ group: string; waitingShare: number | null; hireShare: number | null; earningsShare: number | null }>;
  olderHireRate: number | null;
  overallHireRate: number | null;
}

/** GET /api/stats/monthly (issue 18 adds level, posted wages, matching and the floor). */
export interface FiguresMonthly extends Omit<MonthlyFigures, 'byIndustry' | 'byTrade'> {
  level?: 'province' | 'city' | 'county' | 'market';
  marketId?: string | null;
  byIndustry: Array<MonthlyFigures['byIndustry'][number] & { wage?: WageLevels | null; postedWage?: WageLevels | null }>;
  byTrade: Array<MonthlyFigures['byTrade'][number] & { postedWage?: WageLevels | null }>;
  matching?: MatchingFigures;
  floor?: FloorFigures;
  /** Present on a publication (published=1). */
  version?: number;
  publishedAt?: string;
}

/** GET /api/stats/daily: the same as a month, for one China-time day. */
export type FiguresDaily = Omit<FiguresMonthly, 'month'> & { date: string };

/** GET /api/stats/trends: twelve months ending at `month`, and every day of `month`. */
export interface MonthTrends {
  regionCode: string | null;
  marketId: string | null;
  months: Array<{
    month: string;
    demand: number;
    seekers: number;
    ratio: number | null;
    hires: number;
    fillRate: number | null;
    wageP50: number | null;
  }>;
  days: Array<{ date: string; demand: number; seekers: number; ratio: number | null; hires: number; fillRate: number | null }>;
}

/** GET /api/stats/markets: every market of the region with its month's figures (zero rows included). */
export interface MarketFigures {
  marketId: string;
  name: string;
  regionCode: string;
  location: { lat: number; lng: number };
  operator: MarketOperator;
  demand: number;
  seekers: number;
  ratio: number | null;
  hires: number;
  fillRate: number | null;
}

/** GET /api/regions (and ?parent=, ?code=). */
export interface RegionNode {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
  /** GET /api/regions/:code only: the ancestors, the province first. */
  path?: RegionNode[];
}

export type EvaluationMetric = 'fillRate' | 'timeToFillP50Min' | 'casesClosedInTimeRate' | 'overdueCases' | 'servedPerStaff';
export const EVALUATION_METRICS: readonly EvaluationMetric[] = [
  'fillRate',
  'timeToFillP50Min',
  'casesClosedInTimeRate',
  'overdueCases',
  'servedPerStaff',
];
export type MetricGrade = 'pass' | 'improve' | 'fail';

/** GET/PUT /api/evaluation/thresholds. */
export interface Thresholds {
  regionCode: string;
  thresholds: Record<EvaluationMetric, { pass: number; fail: number }>;
}

/** One market's evaluation for a period ('YYYY-MM' or 'YYYY-Qn'). */
export interface MarketEvaluation {
  marketId: string;
  marketName: string;
  operator: MarketOperator;
  regionCode: string;
  period: string;
  metrics: {
    served: number;
    fillRate: number | null;
    timeToFillP50Min: number | null;
    casesClosed: number;
    casesClosedInTime: number;
    casesClosedInTimeRate: number | null;
    overdueCases: number;
    staffOnDuty: number;
    servedPerStaff: number | null;
  };
  /** null: nothing to measure in the period (not scored). */
  scores: Partial<Record<EvaluationMetric, MetricGrade | null>>;
  grade: MetricGrade;
  /** A contracted market failing this and the previous period: flagged for exit. */
  exitFlag: boolean;
  evaluatedAt: string;
}

/** POST /api/evaluation/runs → 201. */
export interface EvaluationRunView {
  regionCode: string;
  period: string;
  evaluatedAt: string;
  results: MarketEvaluation[];
}

/** One uncovered grid cell of GET /api/coverage. */
export interface UncoveredCell {
  lat: number;
  lng: number;
  shifts: number;
  positions: number;
  waitingWorkers: number;
  nearestMarketKm: number | null;
  nearestMarketId: string | null;
}

export interface Coverage {
  regionCode: string;
  month: string;
  radiusKm: number;
  cells: UncoveredCell[];
}
