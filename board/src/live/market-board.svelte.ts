import type { BoardShift, BoardSnapshot, BoardStats, Market, ShiftCloseReason } from '@linggong/protocol';

/** How long a newly opened shift stands out, and how long a filled one stays marked 已招满. */
export const NEW_HIGHLIGHT_MS = 8_000;
export const FILLED_LINGER_MS = 5_000;

export interface ShiftOnBoard {
  shift: BoardShift;
  mark: 'new' | 'filled' | null;
}

/** What one market's board shows: the market, its open shifts (newest first) and its figures. */
export class MarketBoard {
  market = $state<Market | null>(null);
  stats = $state<BoardStats | null>(null);
  entries = $state<ShiftOnBoard[]>([]);
  /** Bumped on each newly opened shift so the pages can turn back to the first. */
  openedCount = $state(0);
  /** True once a snapshot has arrived (the board has real data, perhaps stale). */
  loaded = $state(false);

  #timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Replace everything. Shifts the board did not know before stand out when `markUnknown`. */
  replace(snapshot: Pick<BoardSnapshot, 'market' | 'shifts' | 'stats'>, markUnknown: boolean): void {
    const known = new Set(this.entries.map((e) => e.shift.id));
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.market = snapshot.market;
    this.stats = snapshot.stats;
    this.entries = snapshot.shifts
      .filter((shift) => shift.status === 'open')
      .sort(newestFirst)
      .map((shift) => ({ shift, mark: null }));
    this.loaded = true;
    if (markUnknown) for (const { shift } of this.entries) if (!known.has(shift.id)) this.#markNew(shift.id);
  }

  opened(shift: BoardShift): void {
    if (shift.status !== 'open') return this.updated(shift);
    this.#upsert(shift);
    this.#markNew(shift.id);
    this.openedCount++;
  }

  updated(shift: BoardShift): void {
    if (shift.status === 'open') {
      const entry = this.#entry(shift.id);
      if (entry?.mark === 'filled') {
        this.#clearTimer(shift.id); // a hire fell through: the shift is open again
        entry.mark = null;
      }
      this.#upsert(shift);
    } else if (shift.status === 'filled') {
      if (this.#entry(shift.id)) {
        this.#upsert(shift);
        this.#markFilled(shift.id);
      }
    } else {
      this.#remove(shift.id);
    }
  }

  closed(shiftId: string, reason: ShiftCloseReason): void {
    if (reason === 'filled') this.#markFilled(shiftId);
    else this.#remove(shiftId);
  }

  setStats(stats: BoardStats): void {
    this.stats = stats;
  }

  /** An admin or the market's staff edited it: header, hotline, complaint channel, services, amenities. */
  setMarket(market: Market): void {
    if (this.market && this.market.id !== market.id) return;
    this.market = market;
  }

  destroy(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #entry(id: string): ShiftOnBoard | undefined {
    return this.entries.find((e) => e.shift.id === id);
  }

  #upsert(shift: BoardShift): void {
    const entry = this.#entry(shift.id);
    if (entry) entry.shift = shift;
    else this.entries = [...this.entries, { shift, mark: null }].sort((a, b) => newestFirst(a.shift, b.shift));
  }

  #markNew(id: string): void {
    const entry = this.#entry(id);
    if (!entry) return;
    entry.mark = 'new';
    this.#later(id, NEW_HIGHLIGHT_MS, () => {
      const current = this.#entry(id);
      if (current?.mark === 'new') current.mark = null;
    });
  }

  #markFilled(id: string): void {
    const entry = this.#entry(id);
    if (!entry || entry.mark === 'filled') return;
    entry.mark = 'filled';
    this.#later(id, FILLED_LINGER_MS, () => this.#remove(id));
  }

  #remove(id: string): void {
    this.#clearTimer(id);
    this.entries = this.entries.filter((e) => e.shift.id !== id);
  }

  #later(id: string, ms: number, run: () => void): void {
    this.#clearTimer(id);
    this.#timers.set(
      id,
      setTimeout(() => {
        this.#timers.delete(id);
        run();
      }, ms),
    );
  }

  #clearTimer(id: string): void {
    const timer = this.#timers.get(id);
    if (timer) clearTimeout(timer);
    this.#timers.delete(id);
  }
}

function newestFirst(a: BoardShift, b: BoardShift): number {
  return b.postedAt.localeCompare(a.postedAt) || a.id.localeCompare(b.id);
}
