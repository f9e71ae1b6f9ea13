import type { Market } from '@linggong/protocol';
import { boundingBox, distanceKm } from './geo.js';

/**
 * The "near this market" rule, written once: a shift is near a market when it was posted at the market or
 * lies within the market's reach. `nearMarketBox` is the database pre-filter (posted there, or inside the
 * box around the reach); `nearMarket` the exact check on the rows it returns.
 */
export function nearMarketBox(market: Pick<Market, 'id' | 'location' | 'reachKm'>) {
  return [{ marketId: market.id }, boundingBox(market.location, market.reachKm)];
}

export function nearMarket(
  market: Pick<Market, 'id' | 'location' | 'reachKm'>,
  shift: { marketId: string | null; lat: number; lng: number },
): boolean {
  return shift.marketId === market.id || distanceKm(market.location, { lat: shift.lat, lng: shift.lng }) <= market.reachKm;
}
