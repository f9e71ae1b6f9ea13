/** The load processes (load.js, poster.js) as one object, and what they saw (offers, board deltas). */
import path from 'node:path';
import { Child, type Report } from '../ipc.js';
import { BENCH_DIST } from '../paths.js';
import { children } from './processes.js';

// ---------------------------------------------------------------- load processes and what they see

/** Offers and board deltas seen by the load processes, by shift id, stamped with the shared clock. */
export class Seen {
  readonly offers = new Map<string, number[]>();
  readonly boards = new Map<string, number[]>();
  private waiters = new Set<{ check(): boolean; resolve(ok: boolean): void }>();

  add(r: Report): void {
    const target = r.type === 'offers' ? this.offers : r.type === 'boards' ? this.boards : undefined;
    if (!target) return;
    for (const item of r.items as Array<[string, number]>) {
      let list = target.get(item[0]);
      if (!list) target.set(item[0], (list = []));
      list.push(item[1]);
    }
    for (const w of this.waiters) {
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve(true);
      }
    }
  }

  wait(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        check,
        resolve: (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  count(kind: 'offers' | 'boards', id: string): number {
    return (kind === 'offers' ? this.offers : this.boards).get(id)?.length ?? 0;
  }

  forget(id: string): void {
    this.offers.delete(id);
    this.boards.delete(id);
  }

  clear(): void {
    this.offers.clear();
    this.boards.clear();
  }
}

/**
 * Source addresses for the load's sockets, spread over 127.0.0.0/8: one address has ~28,000 ephemeral ports for
 * one server port, and a previous phase's closed sockets still hold theirs (TIME_WAIT, 60 s). Each call takes
 * fresh addresses, at most 5,000 sockets on each.
 */
export let nextAddress = 0;
export function sourceAddresses(sockets: number): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(sockets / 5000)) }, () => {
    const n = nextAddress++ % 35_000;
    return `127.${100 + Math.floor(n / 250)}.${n % 250}.1`;
  });
}

export class Load {
  readonly loaders: Child[];
  readonly poster: Child;
  readonly seen = new Seen();

  constructor(count: number) {
    this.loaders = Array.from({ length: count }, (_, i) => new Child(`load-${i}`, path.join(BENCH_DIST, 'load.js')));
    this.poster = new Child('poster', path.join(BENCH_DIST, 'poster.js'));
    for (const c of [...this.loaders, this.poster]) {
      c.onReport((r) => this.seen.add(r));
      children.add(c);
    }
  }

  /** Connects workers spread over the load processes (round robin); with `presence` each starts waiting. */
  async workers(url: string, list: Array<{ id: string; token: string; lat: number; lng: number }>, presence: boolean, baseline = false) {
    const parts = this.loaders.map((_, j) => list.filter((_w, i) => i % this.loaders.length === j));
    const results = await Promise.all(
      this.loaders.map((l, j) =>
        l.call<{ connected: number; failed: number; retried: number; errors: Record<string, number>; p50: number; p99: number }>(
          'workers',
          {
            url,
            workers: parts[j],
            presence,
            baseline,
            concurrency: 25,
            localAddresses: sourceAddresses(parts[j].length),
          },
        ),
      ),
    );
    const connected = results.reduce((a, r) => a + r.connected, 0);
    const failed = results.reduce((a, r) => a + r.failed, 0);
    const retried = results.reduce((a, r) => a + r.retried, 0);
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    return { connected, failed, retried, errors, p99: Math.max(...results.map((r) => r.p99)) };
  }

  async boards(url: string, markets: string[]) {
    const parts = this.loaders.map((_, j) => markets.filter((_m, i) => i % this.loaders.length === j));
    const results = await Promise.all(
      this.loaders.map((l, j) =>
        l.call<{ connected: number; failed: number; errors: Record<string, number> }>('boards', { url, markets: parts[j] }),
      ),
    );
    return {
      connected: results.reduce((a, r) => a + r.connected, 0),
      failed: results.reduce((a, r) => a + r.failed, 0),
      errors: results.map((r) => r.errors),
    };
  }

  async counters() {
    const all = await Promise.all(this.loaders.map((l) => l.call<Record<string, number>>('counters')));
    const sum: Record<string, number> = {};
    for (const c of all) for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  }

  async forget(shiftId?: string) {
    await Promise.all(this.loaders.map((l) => l.call('forget', { shiftId })));
    if (shiftId) this.seen.forget(shiftId);
    else this.seen.clear();
  }

  async closeSockets() {
    await Promise.all(this.loaders.map((l) => l.call('close')));
    this.seen.clear();
  }

  async stop() {
    for (const c of [...this.loaders, this.poster]) children.delete(c);
    await Promise.all([...this.loaders, this.poster].map((c) => c.stop()));
  }
}
