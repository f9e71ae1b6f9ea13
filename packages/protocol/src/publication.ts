import type { Wage } from './model.js';
import type { FeedKeyRequest, FeedShift, PublishedMonth } from './staff.js';

/** 工资价位: the five official points of a trade's agreed day wages. */
export interface WageLevels {
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  unit: 'day';
}

/** GET /api/stats/monthly: 求人倍率 and 工资价位 of a month and region (Part 1, Statistics). */
export interface MonthlyFigures {
  month: string;
  regionCode: string | null;
  byIndustry: Array<{ industry: string; demand: number; seekers: number; ratio: number | null }>;
  byTrade: Array<{ trade: string; demand: number; seekers: number; ratio: number | null; wage: WageLevels | null }>;
  total: { demand: number; seekers: number; ratio: number | null };
}

/** GET /api/stats/monthly?published=1 (and each item of /api/feed/figures): the figures exactly as published. */
export type PublishedFigures = MonthlyFigures & PublishedMonth;

/** POST /api/admin/feed-keys body: `canImport` also lets the key post shifts through the import. */
export interface FeedKeyCreateRequest extends FeedKeyRequest {
  canImport?: boolean;
}

/** An item of GET /api/feed/shifts: a shift as it was after one change; `version` counts 1, 2, ... per shift. */
export interface FeedShiftVersion extends FeedShift {
  version: number;
}

/** POST /api/feed/import/shifts body (X-Api-Key of a key with `canImport`); idempotent by (source, externalId). */
export interface ImportShiftRequest {
  source: string;
  externalId: string;
  title: string;
  trade: string;
  headcount: number;
  wage: Wage;
  location: { lat: number; lng: number };
  address: string;
  startsAt: string;
  endsAt: string;
  marketId?: string;
}
