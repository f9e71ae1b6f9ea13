/**
 * 行情 (the going rate): a city's latest published 求人倍率 and 工资价位 per trade, read from
 * GET /api/stats/monthly?published=1, this month's or last month's; the live figures, labelled so,
 * when the city never published either. The worker sees a fair day rate, the employer what to offer.
 */
import type { LatLng, Market, PublishedFigures, WageLevels } from '@linggong/protocol';
import { ApiError, request } from './api.js';
import { distanceKm } from './geo.js';

export interface CityRates {
  regionCode: string;
  month: string;
  /** The version published, or null for live figures (never published). */
  version: number | null;
  byTrade: Map<string, { ratio: number | null; demand: number; seekers: number; wage: WageLevels | null }>;
}

const ZONE_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

function chinaMonth(at = new Date()): string {
  return ZONE_MONTH.format(at).slice(0, 7);
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The city (prefecture) of a county-level code: 620102 → 620100. */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

type Figures = Pick<PublishedFigures, 'month' | 'regionCode' | 'byTrade'> & { version?: number };

async function published(regionCode: string, month: string): Promise<Figures | null> {
  try {
    return await request<Figures>('GET', `/stats/monthly?month=${month}&regionCode=${regionCode}&published=1`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

async function fetchRates(regionCode: string): Promise<CityRates> {
  const month = chinaMonth();
  const found =
    (await published(regionCode, month)) ??
    (await published(regionCode, previousMonth(month))) ??
    (await request<Figures>('GET', `/stats/monthly?month=${month}&regionCode=${regionCode}`));
  return {
    regionCode,
    month: found.month,
    version: found.version ?? null,
    byTrade: new Map(found.byTrade.map((r) => [r.trade, { ratio: r.ratio, demand: r.demand, seekers: r.seekers, wage: r.wage }])),
  };
}

const cache = new Map<string, Promise<CityRates>>();

/** The city's going rates, fetched once per page load. */
export function cityRates(regionCode: string): Promise<CityRates> {
  const city = cityOf(regionCode);
  let pending = cache.get(city);
  if (!pending) {
    pending = fetchRates(city).catch((error: unknown) => {
      cache.delete(city);
      throw error;
    });
    cache.set(city, pending);
  }
  return pending;
}

/** The city of a place: the market chosen, else the market nearest to the spot, else null. */
export function cityNear(markets: Market[], place: { marketId?: string | null; location?: LatLng | null }): string | null {
  const chosen = place.marketId ? markets.find((m) => m.id === place.marketId) : undefined;
  if (chosen) return cityOf(chosen.regionCode);
  if (!place.location || markets.length === 0) return null;
  const at = place.location;
  const nearest = markets.reduce((best, m) => (distanceKm(m.location, at) < distanceKm(best.location, at) ? m : best));
  return cityOf(nearest.regionCode);
}
