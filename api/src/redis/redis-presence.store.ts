import type { LatLng } from '@linggong/protocol';
import type { ChainableCommander, Redis } from 'ioredis';
import type { NearbyVisitor, PresenceStore, WorkerPresence } from '../presence/presence.store.js';
import { colOf, rowOf, SearchCircle } from '../presence/search-circle.js';

const FIRST_RING_KM = 0.5;
/** Big reads and writes go in slices this size, so no single command holds Redis for long. */
const SLICE = 200;

/**
 * Presence shared by every instance: a JSON record per worker; per trade, a set of its waiting workers and
 * a set per grid cell of those waiting in it (the memory store's grid, 0.01°, so a search reads a few small
 * sets, never one command over a whole radius); a set per market of the waiting workers its board counts;
 * and a sorted set of when each socket-connected worker was last seen. Each instance refreshes "last seen"
 * for its own sockets, so the workers of an instance that died fall out after the grace period like any other.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly connectedHere = new Map<string, WorkerPresence | undefined>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly heartbeatMs: number,
  ) {}

  start(): void {
    this.heartbeat = setInterval(() => void this.refreshSeen().catch(() => undefined), this.heartbeatMs);
    this.heartbeat.unref();
    // Redis came back, perhaps empty: put back what this instance's own workers last said.
    this.redis.on('ready', () => void this.restoreLocal().catch(() => undefined));
  }

  stop(): void {
    clearInterval(this.heartbeat);
  }

  async get(workerId: string): Promise<WorkerPresence | undefined> {
    const raw = await this.redis.get(this.key(workerId));
    return raw ? (JSON.parse(raw) as WorkerPresence) : undefined;
  }

  async put(presence: WorkerPresence): Promise<void> {
    const old = await this.get(presence.workerId);
    const tx = this.redis.multi().set(this.key(presence.workerId), JSON.stringify({ ...presence, disconnectedAt: undefined }));
    if (old) this.leaveSets(tx, old);
    if (presence.status === 'waiting') {
      const { workerId, location } = presence;
      for (const trade of presence.trades) tx.sadd(this.tradeKey(trade), workerId).sadd(this.cellKey(trade, location), workerId);
      for (const marketId of presence.marketIds) tx.sadd(this.marketKey(marketId), workerId);
    }
    await tx.exec();
    if (this.connectedHere.has(presence.workerId)) this.connectedHere.set(presence.workerId, presence);
  }

  async remove(workerId: string): Promise<void> {
    const old = await this.get(workerId);
    const tx = this.redis.multi().del(this.key(workerId)).zrem(this.seenKey(), workerId);
    if (old) this.leaveSets(tx, old);
    await tx.exec();
    if (this.connectedHere.has(workerId)) this.connectedHere.set(workerId, undefined);
  }

  /**
   * Cell by cell from the nearest out, a ring of cells per round trip (0.5 km, then 1, 2, 4 …), stopping as
   * soon as the visitor says nobody farther out could be chosen. Distances are the memory store's, from each
   * worker's own record; a worker listed twice (two puts raced) is shown once.
   */
  async forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void> {
    const circle = new SearchCircle(center, radiusKm);
    const cells: Array<{ key: string; km: number }> = [];
    circle.forEachCell((row, col, km) => cells.push({ key: this.cellKeyAt(trade, row, col), km }));
    cells.sort((a, b) => a.km - b.km);
    const shown = new Set<string>();
    for (let next = 0, ringKm = FIRST_RING_KM; next < cells.length; ringKm *= 2) {
      if (!visitor.wantsBeyond(cells[next].km)) return;
      const ring: string[] = [];
      for (; next < cells.length && cells[next].km < ringKm; next++) ring.push(cells[next].key);
      if (!ring.length) continue;
      const ids = (await this.members(ring)).filter((id) => !shown.has(id));
      const records = await this.records(ids);
      ids.forEach((id, i) => {
        shown.add(id);
        const raw = records[i];
        if (!raw) return;
        const presence = JSON.parse(raw) as WorkerPresence;
        const km = circle.distanceTo(presence.location.lat, presence.location.lng);
        if (presence.status === 'waiting' && km >= 0) visitor.consider(presence, km);
      });
    }
  }

  countWaitingAt(marketId: string): Promise<number> {
    return this.redis.scard(this.marketKey(marketId));
  }

  countWaiting(trade: string): Promise<number> {
    return this.redis.scard(this.tradeKey(trade));
  }

  async markDisconnected(workerId: string, at: number): Promise<void> {
    this.connectedHere.delete(workerId);
    await this.redis.zadd(this.seenKey(), 'XX', at, workerId);
  }

  async markConnected(workerId: string): Promise<void> {
    if (!this.connectedHere.has(workerId)) this.connectedHere.set(workerId, await this.get(workerId));
    await this.redis.zadd(this.seenKey(), Date.now(), workerId);
  }

  async takeDisconnectedBefore(before: number): Promise<string[]> {
    const stale = await this.redis.zrangebyscore(this.seenKey(), '-inf', before);
    const taken: string[] = [];
    for (const workerId of stale) {
      if (this.connectedHere.has(workerId)) continue;
      // ZREM answers 1 to exactly one instance: that one takes the worker offline.
      if ((await this.redis.zrem(this.seenKey(), workerId)) === 1) {
        await this.remove(workerId);
        taken.push(workerId);
      }
    }
    return taken;
  }

  private async refreshSeen(): Promise<void> {
    const now = Date.now();
    const ids = [...this.connectedHere.keys()];
    for (let i = 0; i < ids.length; i += SLICE) {
      await this.redis.zadd(this.seenKey(), ...ids.slice(i, i + SLICE).flatMap((id) => [now, id]));
    }
  }

  /** Takes the worker out of every set their last record put them in. */
  private leaveSets(tx: ChainableCommander, old: WorkerPresence): void {
    for (const trade of old.trades) tx.srem(this.tradeKey(trade), old.workerId).srem(this.cellKey(trade, old.location), old.workerId);
    for (const marketId of old.marketIds) tx.srem(this.marketKey(marketId), old.workerId);
  }

  /** The members of these sets, one pipelined SMEMBERS each. */
  private async members(keys: string[]): Promise<string[]> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.smembers(key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, ids]) => {
      if (error) throw error;
      return ids as string[];
    });
  }

  /** The JSON records of these workers, in order: one pipelined MGET per slice. */
  private async records(workerIds: string[]): Promise<Array<string | null>> {
    const pipeline = this.redis.pipeline();
    for (let i = 0; i < workerIds.length; i += SLICE) pipeline.mget(workerIds.slice(i, i + SLICE).map((id) => this.key(id)));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, values]) => {
      if (error) throw error;
      return values as Array<string | null>;
    });
  }

  private async restoreLocal(): Promise<void> {
    for (const presence of this.connectedHere.values()) if (presence) await this.put(presence);
    await this.refreshSeen();
  }

  private key(workerId: string): string {
    return `${this.prefix}presence:${workerId}`;
  }
  private tradeKey(trade: string): string {
    return `${this.prefix}waiting:trade:${trade}`;
  }
  private cellKey(trade: string, at: LatLng): string {
    return this.cellKeyAt(trade, rowOf(at.lat), colOf(at.lng));
  }
  private cellKeyAt(trade: string, row: number, col: number): string {
    return `${this.prefix}waiting:cell:${trade}:${row}:${col}`;
  }
  private marketKey(marketId: string): string {
    return `${this.prefix}waiting:market:${marketId}`;
  }
  private seenKey(): string {
    return `${this.prefix}presence:seen`;
  }
}
