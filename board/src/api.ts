import type { BoardShift, Market } from '@linggong/protocol';

/** The few HTTP reads the board makes (everything live comes over the socket). */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const fetchMarkets = (signal?: AbortSignal) => getJson<Market[]>('/api/markets', signal);

export const fetchMarket = (marketId: string, signal?: AbortSignal) =>
  getJson<Market>(`/api/markets/${encodeURIComponent(marketId)}`, signal);

type ListedShift = Pick<BoardShift, 'id' | 'headcount' | 'filled'>;

/** Open shifts of one market, summed: how many requests and how many people are still wanted. */
export async function fetchOpenCount(marketId: string, signal?: AbortSignal) {
  const query = new URLSearchParams({ marketId, status: 'open' });
  const body = await getJson<ListedShift[] | { items: ListedShift[] }>(`/api/shifts?${query}`, signal);
  const shifts = Array.isArray(body) ? body : body.items;
  const positions = shifts.reduce((sum, s) => sum + Math.max(0, s.headcount - s.filled), 0);
  return { shifts: shifts.length, positions };
}
