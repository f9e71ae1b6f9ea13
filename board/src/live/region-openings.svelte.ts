import type { Market } from '@linggong/protocol';
import { fetchMarkets, fetchOpenCount } from '../api.ts';
import { withinRegion } from '../regions.ts';

export interface MarketOpenings {
  market: Market;
  /** null until first counted. */
  shifts: number | null;
  /** People still wanted in the shifts near this market (null until first counted). */
  positions: number | null;
  /** People still wanted per open shift id, to count a region without counting a shift twice. */
  open: ReadonlyMap<string, number> | null;
  /** The market hit the API's list limit: its figures are a lower bound ("500+"). */
  capped: boolean;
}

/**
 * Open positions across several markets, each shift counted once: market areas overlap, so
 * one shift is usually listed by more than one market. null while none has been counted.
 */
export function uniquePositions(rows: readonly MarketOpenings[]): { positions: number | null; capped: boolean } {
  const seen = new Map<string, number>();
  let counted = false;
  let capped = false;
  for (const row of rows) {
    if (!row.open) continue;
    counted = true;
    capped ||= row.capped;
    for (const [id, wanted] of row.open) seen.set(id, wanted);
  }
  let positions = 0;
  for (const wanted of seen.values()) positions += wanted;
  return { positions: counted ? positions : null, capped };
}

const REFRESH_MS = 30_000;
const MARKETS_EVERY = 20; // re-read the market list every 20 rounds (10 minutes)

/** Open positions of every market in a region, polled over HTTP (an overview holds no sockets). */
export class RegionOpenings {
  /** Replaced whole on every round, never mutated in place (so not deeply reactive). */
  rows = $state.raw<MarketOpenings[]>([]);
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
      return before ? { ...before, market } : { market, shifts: null, positions: null, open: null, capped: false };
    });
    this.loaded = true;
  }
}
