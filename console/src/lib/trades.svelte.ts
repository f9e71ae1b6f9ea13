import type { Trade } from '@linggong/protocol';
import { trades as fetchTrades } from './endpoints.js';
import { localName } from './i18n.svelte.js';

/** The trade list (GET /api/trades), loaded once per page. */
export const tradeList = $state<{ items: Trade[] }>({ items: [] });

export async function loadTrades(): Promise<Trade[]> {
  if (tradeList.items.length === 0) tradeList.items = await fetchTrades();
  return tradeList.items;
}

export function tradeName(code: string): string {
  const trade = tradeList.items.find((item) => item.code === code);
  return trade ? localName(trade) : code;
}

/** Match a search against the Chinese name, the English name or the code. */
export function tradeMatches(trade: Trade, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return trade.name.includes(q) || trade.nameEn.toLowerCase().includes(q) || trade.code.toLowerCase().includes(q);
}
