import type { LatLng } from '@linggong/protocol';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Ceiling, NearbyVisitor, NearbyWorker, PresenceStore, WorkerPresence } from './presence.store.js';
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
/** A best-first search reads this many cells in its first round trip, then twice as many each time. */
const FIRST_BATCH = 8;
/** In a cell's "standing" sorted set, a worker in a priority group scores this on top of their reliability (0–1). */
const PRIORITY_MARK = 2;

/**
 * Each cell's ceiling in one round trip: for every (earliest-waiting, standing) key pair the smallest
 * `waitingSince` and the highest standing, or nothing for an empty cell.
 */
const CEILINGS_SCRIPT = `
local out = {}
for i = 1, #KEYS, 2 do
  local since = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if since[2] then
    local standing = redis.call('ZRANGE', KEYS[i + 1], -1, -1, 'WITHSCORES')
    out[#out + 1] = since[2]
    out[#out + 1] = standing[2] or '0'
  else
    out[#out + 1] = false
    out[#out + 1] = false
  end
end
return out`;

/**
 * Presence shared by every instance: a JSON record per worker; per trade, a set of its waiting workers and,
 * on two grids (0.01°, ~1 km; 0.1°, ~10 km), a hash per cell of those waiting in it, each with just what
 * ranking needs, so a search reads small hashes and never a whole radius in one command nor a record per
 * worker, and beside each hash two sorted sets (`:since`, `:standing`) whose ends are the cell's ceiling, exact
 * as workers come and go, so a search can read the cells best-first and leave out those nobody there could win
 * from; a set per market of the waiting workers its board counts; and a sorted set of when each
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
        for (const grid of GRIDS) {
          const cell = this.cellKey(trade, grid, presence.location);
          tx.hset(cell, workerId, ranked);
          tx.zadd(`${cell}:since`, presence.waitingSince, workerId);
          tx.zadd(`${cell}:standing`, standingOf(presence), workerId);
        }
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
   * With a visitor that scores ceilings (dispatch's ranking), best-first: each cell's ceiling is read in one
   * round trip, empty cells are dropped, and the rest are read in order of the best score anyone in them could
   * have, in batches of 8, 16, 32 … cells per round trip, stopping as soon as the visitor turns that score
   * down. A crowd that has just started waiting is thus read within a kilometre, and on a morning when some
   * have waited for hours only the cells where such workers wait are read farther out. Otherwise cell by cell
   * from the nearest out (below). Distances are the memory store's; a worker listed twice (two puts raced)
   * is shown once.
   */
  async forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void> {
    const circle = new SearchCircle(center, radiusKm);
    const cells = this.cellsToRead(trade, circle);
    const shown = new Set<string>();
    const show = (entries: Array<[string, string]>) => {
      for (const [workerId, ranked] of entries) {
        if (shown.has(workerId)) continue;
        shown.add(workerId);
        const worker = decodeNearby(workerId, ranked);
        const km = circle.distanceTo(worker.location.lat, worker.location.lng);
        if (km >= 0) visitor.consider(worker, km);
      }
    };
    if (visitor.bestScore && visitor.wantsScore) return this.bestFirst(cells, visitor, show);
    for (let next = 0, ringKm = FIRST_RING_KM; next < cells.length; ringKm *= 2) {
      if (!visitor.wantsBeyond(cells[next].km)) return;
      const ring: string[] = [];
      for (; next < cells.length && cells[next].km < ringKm; next++) ring.push(cells[next].key);
      if (!ring.length) continue;
      show(await this.cellEntries(ring));
    }
  }

  private async bestFirst(
    cells: Array<{ key: string; km: number }>,
    visitor: NearbyVisitor,
    show: (entries: Array<[string, string]>) => void,
  ): Promise<void> {
    if (!cells.length) return;
    const ceilings = await this.ceilings(cells.map((c) => c.key));
    const ranked: Array<{ key: string; best: number }> = [];
    cells.forEach((cell, i) => {
      const ceiling = ceilings[i];
      if (ceiling) ranked.push({ key: cell.key, best: visitor.bestScore!(cell.km, ceiling) });
    });
    ranked.sort((a, b) => b.best - a.best);
    for (let next = 0, batch = FIRST_BATCH; next < ranked.length; batch *= 2) {
      if (!visitor.wantsScore!(ranked[next].best)) return;
      const keys: string[] = [];
      for (const end = Math.min(ranked.length, next + batch); next < end; next++) keys.push(ranked[next].key);
      show(await this.cellEntries(keys));
    }
  }

  /** Each cell's ceiling (undefined for an empty cell), in one round trip. */
  private async ceilings(cellKeys: string[]): Promise<Array<Ceiling | undefined>> {
    const keys = cellKeys.flatMap((k) => [`${k}:since`, `${k}:standing`]);
    const reply = (await this.redis.eval(CEILINGS_SCRIPT, keys.length, ...keys)) as Array<string | null>;
    return cellKeys.map((_, i) => {
      const since = reply[2 * i];
      if (since === null || since === undefined) return undefined;
      const standing = Number(reply[2 * i + 1]);
      const priority = standing >= PRIORITY_MARK;
      return { waitingSince: Number(since), reliability: priority ? 1 : standing, priority };
    });
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
      for (const grid of GRIDS) {
        const cell = this.cellKey(trade, grid, old.location);
        tx.hdel(cell, old.workerId);
        tx.zrem(`${cell}:since`, old.workerId);
        tx.zrem(`${cell}:standing`, old.workerId);
      }
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

/** A worker's standing in a cell's sorted set: reliability, plus PRIORITY_MARK in a priority group. */
function standingOf(p: NearbyWorker): number {
  return p.reliability + (p.priority === 'none' ? 0 : PRIORITY_MARK);
}

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
