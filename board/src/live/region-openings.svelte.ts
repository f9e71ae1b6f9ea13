import type { Market } from '@linggong/protocol';
import { fetchMarkets, fetchOpenCount } from '../api.ts';
import { withinRegion } from '../regions.ts';

export interface MarketOpenings {
  market: Market;
  /** null until first counted. */
  shifts: number | null;
  positions: number | null;
}

const REFRESH_MS = 30_000;
const MARKETS_EVERY = 20; // re-read the market list every 20 rounds (10 minutes)

/** Open positions of every market in a region, polled over HTTP (an overview holds no sockets). */
export class RegionOpenings {
  rows = $state<MarketOpenings[]>([]);
  updatedAt = $state<Date | null>(null);
  /** True when the last round failed (the figures shown are older). */
  stale = $state(false);
  loaded = $state(false);

  #round = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #abort = new AbortController();

  constructor(private readonly region: string) {}

  start(): void {
    void this.#refresh();
  }

  stop(): void {
    this.#abort.abort();
    if (this.#timer) clearTimeout(this.#timer);
  }

  async #refresh(): Promise<void> {
    const signal = this.#abort.signal;
    try {
      if (this.#round % MARKETS_EVERY === 0 || this.rows.length === 0) await this.#loadMarkets(signal);
      const counts = await Promise.allSettled(this.rows.map((row) => fetchOpenCount(row.market.id, signal)));
      let failures = 0;
      this.rows = this.rows.map((row, i) => {
        const count = counts[i];
        if (count.status === 'fulfilled') return { ...row, ...count.value };
        failures++;
        return row;
      });
      this.stale = failures > 0;
      if (failures < counts.length || counts.length === 0) this.updatedAt = new Date();
    } catch {
      this.stale = true;
    }
    this.#round++;
    if (!signal.aborted) this.#timer = setTimeout(() => void this.#refresh(), REFRESH_MS);
  }

  async #loadMarkets(signal: AbortSignal): Promise<void> {
    const markets = (await fetchMarkets(signal)).filter((m) => withinRegion(m.regionCode, this.region));
    const previous = new Map(this.rows.map((r) => [r.market.id, r]));
    this.rows = markets.map((market) => {
      const before = previous.get(market.id);
      return { market, shifts: before?.shifts ?? null, positions: before?.positions ?? null };
    });
    this.loaded = true;
  }
}
