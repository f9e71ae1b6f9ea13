import type { MarketDetail } from '@linggong/protocol';
import { markets } from './endpoints.js';
import { session } from './session.svelte.js';

/** The market this window works for, as the API describes it (name, location, guide). */
export const current = $state<{ market: MarketDetail | null }>({ market: null });

export async function loadCurrentMarket(): Promise<MarketDetail | null> {
  const marketId = session.marketId;
  if (!marketId) return (current.market = null);
  if (current.market?.id === marketId) return current.market;
  try {
    const market = await markets.get(marketId);
    if (marketId === session.marketId) current.market = market;
    return market;
  } catch {
    return null;
  }
}

export function replaceCurrentMarket(market: MarketDetail): void {
  if (market.id === session.marketId) current.market = market;
}
