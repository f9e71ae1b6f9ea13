import type { Market, MarketDetail, Trade } from '@linggong/protocol';
import { request } from './api.js';
import { readJson, writeJson } from './storage.js';

/**
 * Trades and markets change rarely; keep a copy on the phone so a weak signal
 * does not block a form, and refresh it in the background.
 */
interface Cached<T> {
  at: number;
  items: T[];
}

const MAX_AGE_MS = 6 * 60 * 60 * 1000;
const inFlight = new Map<string, Promise<unknown[]>>();

/** Asks the server (once at a time per list) and keeps the answer on the phone. */
function fetchFresh<T>(key: string, path: string): Promise<T[]> {
  let pending = inFlight.get(key) as Promise<T[]> | undefined;
  if (!pending) {
    pending = request<T[]>('GET', path).then((items) => {
      writeJson(key, { at: Date.now(), items });
      return items;
    });
    pending.finally(() => inFlight.delete(key)).catch(() => undefined);
    inFlight.set(key, pending);
  }
  return pending;
}

function cachedList<T>(key: string, path: string): Promise<T[]> {
  const cached = readJson<Cached<T>>(key);
  if (cached && Array.isArray(cached.items) && cached.items.length > 0) {
    if (Date.now() - cached.at > MAX_AGE_MS) fetchFresh(key, path).catch(() => undefined);
    return Promise.resolve(cached.items);
  }
  return fetchFresh<T>(key, path);
}

export const loadTrades = (): Promise<Trade[]> => cachedList<Trade>('lg.trades', '/trades');
export const loadMarkets = (): Promise<Market[]> => cachedList<Market>('lg.markets', '/markets');
/**
 * The markets as the server has them now: a page showing their hours, hotlines and complaint channels
 * shows the copy at once, then this (staff edit those details; a change shows on the next visit at the latest).
 */
export const refreshMarkets = (): Promise<Market[]> => fetchFresh<Market>('lg.markets', '/markets');

/** One market with how many staff serve it (its public page). */
export function loadMarket(id: string): Promise<MarketDetail> {
  return request<MarketDetail>('GET', `/markets/${encodeURIComponent(id)}`);
}

export function tradeByCode(trades: Trade[], code: string): Trade | undefined {
  return trades.find((trade) => trade.code === code);
}

/** Match a search against the Chinese name, English name or code. */
export function tradeMatches(trade: Trade, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return trade.name.includes(q) || trade.nameEn.toLowerCase().includes(q) || trade.code.toLowerCase().includes(q);
}
