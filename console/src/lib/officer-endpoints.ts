/** The officer's API calls (issue 18: figures, publication, evaluation, coverage, regions). */
import type {
  Coverage,
  MarketEvaluation,
  EvaluationRunView,
  FiguresDaily,
  FiguresMonthly,
  MonthTrends,
  MarketFigures,
  PublishedMonth,
  RegionNode,
  Thresholds,
} from '@linggong/protocol';
import type { Feature, FeatureCollection } from 'geojson';
import { ApiError, apiUrl, request } from './api.js';

const id = encodeURIComponent;

export interface Area {
  regionCode: string;
  month: string;
  marketId?: string | null;
}

export const regions = {
  /** Children of a region (the provinces without a parent). A server that ignores `parent` still answers the list: filter here too. */
  children: async (parent: string | null) => {
    const list = await request<RegionNode[]>('GET', '/regions', { query: { parent: parent ?? undefined } });
    return list.filter((r) => (parent ? r.parentCode === parent : r.level === 'province'));
  },
  /** One region with its ancestors; older servers have no /regions/:code, so fall back to the list. */
  get: async (code: string): Promise<RegionNode | null> => {
    try {
      return await request<RegionNode>('GET', `/regions/${id(code)}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      const list = await request<RegionNode[]>('GET', '/regions', { query: { code } });
      return list.find((r) => r.code === code) ?? null;
    }
  },
  boundary: (code: string) => request<FeatureCollection | Feature>('GET', `/regions/${id(code)}/boundary`, { query: { children: 1 } }),
};

export const figures = {
  monthly: (a: Area) =>
    request<FiguresMonthly>('GET', '/stats/monthly', { query: { month: a.month, regionCode: a.regionCode, marketId: a.marketId } }),
  daily: (a: Area, date: string) =>
    request<FiguresDaily>('GET', '/stats/daily', { query: { date, regionCode: a.regionCode, marketId: a.marketId } }),
  trends: (a: Area) =>
    request<MonthTrends>('GET', '/stats/trends', { query: { month: a.month, regionCode: a.regionCode, marketId: a.marketId } }),
  markets: (a: Area) => request<MarketFigures[]>('GET', '/stats/markets', { query: { month: a.month, regionCode: a.regionCode } }),
  /** The latest publication of the month, or null when it was never published. */
  published: async (a: Area): Promise<FiguresMonthly | null> => {
    try {
      return await request<FiguresMonthly>('GET', '/stats/monthly', { query: { month: a.month, regionCode: a.regionCode, published: 1 } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  publish: (a: Area) => request<PublishedMonth>('POST', '/stats/monthly/publish', { body: { month: a.month, regionCode: a.regionCode } }),
  printUrl: (a: Area, version: number) => apiUrl('/stats/monthly/print', { month: a.month, regionCode: a.regionCode, version }),
  csvUrl: (a: Area, version: number) =>
    apiUrl('/stats/monthly', { month: a.month, regionCode: a.regionCode, published: 1, version, format: 'csv' }),
};

export const evaluation = {
  thresholds: (regionCode: string) => request<Thresholds>('GET', '/evaluation/thresholds', { query: { regionCode } }),
  saveThresholds: (body: Thresholds) => request<Thresholds>('PUT', '/evaluation/thresholds', { body }),
  run: (regionCode: string, period: string) => request<EvaluationRunView>('POST', '/evaluation/runs', { body: { regionCode, period } }),
  list: (regionCode: string, period: string) => request<MarketEvaluation[]>('GET', '/evaluation', { query: { regionCode, period } }),
  history: (marketId: string) => request<MarketEvaluation[]>('GET', `/markets/${id(marketId)}/evaluations`),
};

export const coverage = {
  get: (a: Area, radiusKm: number) =>
    request<Coverage>('GET', '/coverage', { query: { regionCode: a.regionCode, month: a.month, radiusKm } }),
};
