import type { LatLng } from '@linggong/protocol';
import { GridIndex } from './grid-index.js';
import type { NearbyVisitor, PresenceStore, WorkerPresence } from './presence.store.js';

/** The embedded mode's presence: one grid per trade, so a query scans only workers of that trade. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly workers = new Map<string, WorkerPresence>();
  private readonly byTrade = new Map<string, GridIndex<WorkerPresence>>();
  private readonly waitingAt = new Map<string, Set<string>>();

  async get(workerId: string): Promise<WorkerPresence | undefined> {
    return this.workers.get(workerId);
  }

  async put(presence: WorkerPresence): Promise<void> {
    this.unindex(presence.workerId);
    this.workers.set(presence.workerId, presence);
    if (presence.status !== 'waiting') return;
    for (const marketId of presence.marketIds) {
      let here = this.waitingAt.get(marketId);
      if (!here) this.waitingAt.set(marketId, (here = new Set()));
      here.add(presence.workerId);
    }
    for (const trade of presence.trades) {
      let grid = this.byTrade.get(trade);
      if (!grid) this.byTrade.set(trade, (grid = new GridIndex()));
      grid.put(presence.workerId, presence.location, presence);
    }
  }

  async remove(workerId: string): Promise<void> {
    this.unindex(workerId);
    this.workers.delete(workerId);
  }

  async forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void> {
    this.byTrade.get(trade)?.forEachWithin(
      center,
      radiusKm,
      (presence, km) => visitor.consider(presence, km),
      (km) => visitor.wantsBeyond(km),
    );
  }

  async countWaitingAt(marketId: string): Promise<number> {
    return this.waitingAt.get(marketId)?.size ?? 0;
  }

  async countWaiting(trade: string): Promise<number> {
    return this.byTrade.get(trade)?.size ?? 0;
  }

  async markDisconnected(workerId: string, at: number): Promise<void> {
    const p = this.workers.get(workerId);
    if (p && p.disconnectedAt === undefined) p.disconnectedAt = at;
  }

  async markConnected(workerId: string): Promise<void> {
    const p = this.workers.get(workerId);
    if (p) delete p.disconnectedAt;
  }

  async takeDisconnectedBefore(before: number): Promise<string[]> {
    const gone = [...this.workers.values()].filter((p) => p.disconnectedAt !== undefined && p.disconnectedAt < before);
    for (const p of gone) await this.remove(p.workerId);
    return gone.map((p) => p.workerId);
  }

  private unindex(workerId: string): void {
    const old = this.workers.get(workerId);
    if (!old) return;
    for (const marketId of old.marketIds ?? []) this.waitingAt.get(marketId)?.delete(workerId);
    for (const trade of old.trades) this.byTrade.get(trade)?.remove(workerId);
  }
}
