/**
 * The officer console's names for issue 18's shapes, over the types the serving modules publish
 * (figures.ts, evaluation.ts), plus the one list the console iterates (EVALUATION_METRICS).
 */
import type {
  EvaluationResult,
  EvaluationRun,
  EvaluationScore,
  CoverageCell,
  CoverageResponse,
  RegionInfo,
  ScoredMetric,
  ThresholdsResponse,
} from './evaluation.js';
import type { DayFigures, FiguresFloor, FiguresMatching, FiguresTrends, MarketFiguresRow, MonthFigures } from './figures.js';

/** GET /api/stats/monthly, live or (with version and publishedAt) as published. */
export type FiguresMonthly = MonthFigures & { version?: number; publishedAt?: string };
export type FiguresDaily = DayFigures;
export type MatchingFigures = FiguresMatching;
export type FloorFigures = FiguresFloor;
export type MonthTrends = FiguresTrends;
export type MarketFigures = MarketFiguresRow;
/** GET /api/regions (and /api/regions/:code, which adds `path`). */
export type RegionNode = RegionInfo & { path?: RegionInfo[] };

export type EvaluationMetric = ScoredMetric;
export const EVALUATION_METRICS: readonly EvaluationMetric[] = [
  'fillRate',
  'timeToFillP50Min',
  'casesClosedInTimeRate',
  'overdueCases',
  'servedPerStaff',
];
export type MetricGrade = EvaluationScore;
/** GET /api/evaluation/thresholds; PUT takes it without `sources`. */
export type Thresholds = Omit<ThresholdsResponse, 'sources'> & { sources?: ThresholdsResponse['sources'] };
export type MarketEvaluation = EvaluationResult;
export type EvaluationRunView = EvaluationRun;
export type UncoveredCell = CoverageCell;
export type Coverage = CoverageResponse;
