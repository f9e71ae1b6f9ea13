import type { BoardShift, GuidanceSlotView, Market, MarketDetail } from '@linggong/protocol';

/** The few HTTP reads the board makes (everything live comes over the socket). */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const fetchMarkets = (signal?: AbortSignal) => getJson<Market[]>('/api/markets', signal);

export const fetchMarket = (marketId: string, signal?: AbortSignal) =>
  getJson<Market>(`/api/markets/${encodeURIComponent(marketId)}`, signal);

/** The market with its 办事指南 and how many staff serve it. */
export const fetchMarketDetail = (marketId: string, signal?: AbortSignal) =>
  getJson<MarketDetail>(`/api/markets/${encodeURIComponent(marketId)}`, signal);

/** Guidance sessions that have not ended, with free places (public). */
export const fetchGuidanceSlots = (marketId: string, signal?: AbortSignal) =>
  getJson<GuidanceSlotView[]>(`/api/markets/${encodeURIComponent(marketId)}/guidance-slots`, signal);

type ListedShift = Pick<BoardShift, 'id' | 'headcount' | 'filled'>;

/** The most shifts `GET /api/shifts` returns at once (its `limit` maximum). */
export const OPEN_SHIFTS_LIMIT = 500;

export interface OpenCount {
  shifts: number;
  positions: number;
  /** People still wanted per open shift, by shift id (markets overlap: a region dedupes by id). */
  open: ReadonlyMap<string, number>;
  /** The market has at least OPEN_SHIFTS_LIMIT open shifts: the figures are a lower bound. */
  capped: boolean;
}

/** Open shifts of one market (its own and those within its reach): how many requests and people are still wanted. */
export async function fetchOpenCount(marketId: string, signal?: AbortSignal): Promise<OpenCount> {
  const query = new URLSearchParams({ marketId, status: 'open', limit: String(OPEN_SHIFTS_LIMIT) });
  const body = await getJson<ListedShift[] | { items: ListedShift[] }>(`/api/shifts?${query}`, signal);
  const shifts = Array.isArray(body) ? body : body.items;
  const open = new Map(shifts.map((s) => [s.id, Math.max(0, s.headcount - s.filled)]));
  let positions = 0;
  for (const wanted of open.values()) positions += wanted;
  return { shifts: open.size, positions, open, capped: shifts.length >= OPEN_SHIFTS_LIMIT };
}

export interface TradeWage {
  trade: string;
  demand: number;
  ratio: number | null;
  wage: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
}

/** This month's live 求人倍率 and 工资价位 for the city of a market (region code of its county → its city). */
export async function fetchCityWages(regionCode: string, signal?: AbortSignal): Promise<TradeWage[]> {
  const city = `${regionCode.slice(0, 4)}00`;
  const body = await getJson<{ byTrade: TradeWage[] }>(`/api/stats/monthly?regionCode=${city}`, signal);
  return body.byTrade;
}

export const fetchTrades = (signal?: AbortSignal) => getJson<Array<{ code: string; name: string; nameEn: string }>>('/api/trades', signal);
