import type { WageLevels } from './publication.js';

/** Issue #18: where figures are counted (`market` when a marketId is given). */
export type FiguresLevel = 'province' | 'city' | 'county' | 'market';

/** Matching of a period (docs/figures.md has each definition). */
export interface FiguresMatching {
  shiftsPosted: number;
  positionsPosted: number;
  positionsFilled: number;
  /** 0..1, null when no positions were posted. */
  fillRate: number | null;
  timeToFillMinutes: { p50: number; p90: number } | null;
  offersPerHire: number | null;
  hires: number;
  offers: number;
  lateCancels: number;
  noShows: number;
  assistedHires: number;
}

/** 兜底: a priority group's shares against its share of the workers waiting (shares 0..1 or null). */
export interface FiguresFloor {
  groups: Array<{
    group: 'older' | 'hard_to_employ';
    seekers: number;
    hires: number;
    waitingShare: number | null;
    hireShare: number | null;
    earningsShare: number | null;
  }>;
  olderHireRate: number | null;
  overallHireRate: number | null;
}

/** The figures of a period and place: what GET /api/stats/monthly (with `month`) and /daily (with `date`) answer. */
export interface PeriodFigures {
  regionCode: string | null;
  marketId: string | null;
  level: FiguresLevel;
  byIndustry: Array<{
    industry: string;
    demand: number;
    seekers: number;
    ratio: number | null;
    wage: WageLevels | null;
    postedWage: WageLevels | null;
  }>;
  byTrade: Array<{
    trade: string;
    demand: number;
    seekers: number;
    ratio: number | null;
    wage: WageLevels | null;
    postedWage: WageLevels | null;
  }>;
  total: { demand: number; seekers: number; ratio: number | null };
  matching: FiguresMatching;
  floor: FiguresFloor;
}

export type MonthFigures = PeriodFigures & { month: string };
export type DayFigures = PeriodFigures & { date: string };

export interface TrendPoint {
  demand: number;
  seekers: number;
  ratio: number | null;
  hires: number;
  fillRate: number | null;
}

/** GET /api/stats/trends. */
export interface FiguresTrends {
  regionCode: string | null;
  marketId: string | null;
  months: Array<TrendPoint & { month: string; wageP50: number | null }>;
  days: Array<TrendPoint & { date: string }>;
}

/** An item of GET /api/stats/markets. */
export interface MarketFiguresRow extends TrendPoint {
  marketId: string;
  name: string;
  regionCode: string;
  location: { lat: number; lng: number };
  operator: 'hrss' | 'co_branded' | 'contracted';
}
