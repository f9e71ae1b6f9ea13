import type { LatLng } from '@linggong/protocol';
import type { ChainableCommander, Redis } from 'ioredis';
import type { NearbyVisitor, NearbyWorker, PresenceStore, WorkerPresence } from './presence.store.js';
import { CELL_DEG, colOf, rowOf, SearchCircle } from './search-circle.js';

const FIRST_RING_KM = 0.5;
/** Searches read the fine grid (0.01°, ~1 km) this far out, and the coarse one (0.1°, ~10 km) beyond. */
const FINE_REACH_KM = 8;
const COARSE_DEG = 0.1;
const GRIDS = [
  { name: 'fine', deg: CELL_DEG },
  { name: 'coarse', deg: COARSE_DEG },
] as const;
/** "Last seen" is refreshed in slices this size, so no single command holds Redis for long. */
const SLICE = 200;

/**
 * Presence shared by every instance: a JSON record per worker; per trade, a set of its waiting workers and,
 * on two grids (0.01°, ~1 km; 0.1°, ~10 km), a hash per cell of those waiting in it, each with just what
 * ranking needs, so a search reads small hashes and never a whole radius in one command nor a record per
 * worker; a set per market of the waiting workers its board counts; and a sorted set of when each
 * socket-connected worker was last seen. Each instance refreshes "last seen" for its own sockets, so the
 * workers of an instance that died fall out after the grace period like any other.
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
      const { workerId } = presence;
      const ranked = encodeNearby(presence);
      for (const trade of presence.trades) {
        tx.sadd(this.tradeKey(trade), workerId);
        for (const grid of GRIDS) tx.hset(this.cellKey(trade, grid, presence.location), workerId, ranked);
      }
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
   * soon as the visitor says nobody farther out could be chosen: fine cells within 8 km, then coarse cells
   * that reach beyond it, so a wide search of a sparse trade reads a few dozen keys, not thousands.
   * Distances are the memory store's; a worker listed twice (two puts raced) is shown once.
   */
  async forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void> {
    const circle = new SearchCircle(center, radiusKm);
    const cells = this.cellsToRead(trade, circle);
    const shown = new Set<string>();
    for (let next = 0, ringKm = FIRST_RING_KM; next < cells.length; ringKm *= 2) {
      if (!visitor.wantsBeyond(cells[next].km)) return;
      const ring: string[] = [];
      for (; next < cells.length && cells[next].km < ringKm; next++) ring.push(cells[next].key);
      if (!ring.length) continue;
      for (const [workerId, ranked] of await this.cellEntries(ring)) {
        if (shown.has(workerId)) continue;
        shown.add(workerId);
        const worker = decodeNearby(workerId, ranked);
        const km = circle.distanceTo(worker.location.lat, worker.location.lng);
        if (km >= 0) visitor.consider(worker, km);
      }
    }
  }

  /**
   * The cells a search reads, nearest first: fine cells nearer than FINE_REACH_KM, and coarse cells reaching
   * beyond it, ordered as if they began there (everyone nearer was in the fine cells already).
   */
  private cellsToRead(trade: string, circle: SearchCircle): Array<{ key: string; km: number }> {
    const cells: Array<{ key: string; km: number }> = [];
    const [fine, coarse] = GRIDS;
    // The fine grid only to FINE_REACH_KM: a 50 km search would otherwise walk ~10,000 fine cells to keep 200.
    const near = circle.radiusKm > FINE_REACH_KM ? new SearchCircle(circle.center, FINE_REACH_KM) : circle;
    near.forEachCell((row, col, km) => {
      if (km < FINE_REACH_KM && km <= circle.radiusKm) cells.push({ key: this.cellKeyAt(trade, fine, row, col), km });
    }, fine.deg);
    if (circle.radiusKm >= FINE_REACH_KM) {
      circle.forEachCell((row, col, nearestKm, farthestKm) => {
        const km = Math.max(nearestKm, FINE_REACH_KM);
        if (farthestKm >= FINE_REACH_KM && km <= circle.radiusKm) cells.push({ key: this.cellKeyAt(trade, coarse, row, col), km });
      }, coarse.deg);
    }
    return cells.sort((a, b) => a.km - b.km);
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
    for (const trade of old.trades) {
      tx.srem(this.tradeKey(trade), old.workerId);
      for (const grid of GRIDS) tx.hdel(this.cellKey(trade, grid, old.location), old.workerId);
    }
    for (const marketId of old.marketIds) tx.srem(this.marketKey(marketId), old.workerId);
  }

  /** Every worker in these cells with what ranking needs of them: one pipelined HGETALL per cell. */
  private async cellEntries(keys: string[]): Promise<Array<[string, string]>> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, cell]) => {
      if (error) throw error;
      return Object.entries(cell as Record<string, string>);
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
  private cellKey(trade: string, grid: Grid, at: LatLng): string {
    return this.cellKeyAt(trade, grid, rowOf(at.lat, grid.deg), colOf(at.lng, grid.deg));
  }
  private cellKeyAt(trade: string, grid: Grid, row: number, col: number): string {
    return `${this.prefix}waiting:${grid.name}:${trade}:${row}:${col}`;
  }
  private marketKey(marketId: string): string {
    return `${this.prefix}waiting:market:${marketId}`;
  }
  private seenKey(): string {
    return `${this.prefix}presence:seen`;
  }
}

type Grid = (typeof GRIDS)[number];

/** A cell entry: the worker's place and ranking fields, comma-separated (a tenth of the JSON record, parsed by split). */
function encodeNearby(p: NearbyWorker): string {
  return `${p.location.lat},${p.location.lng},${p.reliability},${p.waitingSince},${p.priority}`;
}

function decodeNearby(workerId: string, entry: string): NearbyWorker {
  const [lat, lng, reliability, waitingSince, priority] = entry.split(',');
  return {
    workerId,
    location: { lat: Number(lat), lng: Number(lng) },
    reliability: Number(reliability),
    waitingSince: Number(waitingSince),
    priority: priority as NearbyWorker['priority'],
  };
}
