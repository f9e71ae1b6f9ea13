/**
 * 行情 (the going rate): a city's latest published 求人倍率 and 工资价位 per trade, read from
 * GET /api/stats/monthly/latest (whatever month that was); this month's live figures, labelled so,
 * when the city never published. The worker sees a fair day rate, the employer what to offer.
 */
import type { LatLng, Market, PublishedFigures, WageLevels } from '@linggong/protocol';
import { request } from './api.js';
import { distanceKm } from './geo.js';

export interface CityRates {
  regionCode: string;
  month: string;
  /** The version published, or null for live figures (never published). */
  version: number | null;
  byTrade: Map<string, { ratio: number | null; demand: number; seekers: number; wage: WageLevels | null }>;
}

/** The city (prefecture) of a county-level code: 620102 → 620100. */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

type Figures = Pick<PublishedFigures, 'month' | 'regionCode' | 'byTrade'> & { version?: number };

async function fetchRates(regionCode: string): Promise<CityRates> {
  // GET /api/stats/monthly/latest answers { published: null } rather than a 404 for a city that never published.
  const { published } = await request<{ published: Figures | null }>('GET', `/stats/monthly/latest?regionCode=${regionCode}`);
  const found = published ?? (await request<Figures>('GET', `/stats/monthly?regionCode=${regionCode}`));
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
