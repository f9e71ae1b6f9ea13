import type { LatLng } from '@linggong/protocol';
import type { Redis } from 'ioredis';
import type { NearbyVisitor, PresenceStore, WorkerPresence } from '../presence/presence.store.js';

const FIRST_RING_KM = 0.5;
/** Big reads and writes go in slices this size, so no single command holds Redis for long. */
const SLICE = 200;

/**
 * Presence shared by every instance: a JSON record per worker, one GEO set per trade (so a search
 * scans only that trade's waiting workers, nearest first with GEOSEARCH … ASC), a set per market of
 * the waiting workers its board counts, and a sorted set of when each socket-connected worker was last seen. Each instance refreshes "last seen" for its own
 * sockets, so the workers of an instance that died fall out after the grace period like any other.
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
    const { lng, lat } = presence.location;
    const tx = this.redis.multi().set(this.key(presence.workerId), JSON.stringify({ ...presence, disconnectedAt: undefined }));
    for (const trade of old?.trades ?? []) if (!presence.trades.includes(trade)) tx.zrem(this.tradeKey(trade), presence.workerId);
    for (const marketId of old?.marketIds ?? []) tx.srem(this.marketKey(marketId), presence.workerId);
    if (presence.status === 'waiting') {
      for (const trade of presence.trades) tx.geoadd(this.tradeKey(trade), lng, lat, presence.workerId);
      for (const marketId of presence.marketIds) tx.sadd(this.marketKey(marketId), presence.workerId);
    } else {
      for (const trade of presence.trades) tx.zrem(this.tradeKey(trade), presence.workerId);
    }
    await tx.exec();
    if (this.connectedHere.has(presence.workerId)) this.connectedHere.set(presence.workerId, presence);
  }

  async remove(workerId: string): Promise<void> {
    const old = await this.get(workerId);
    const tx = this.redis.multi().del(this.key(workerId)).zrem(this.seenKey(), workerId);
    for (const trade of old?.trades ?? []) tx.zrem(this.tradeKey(trade), workerId);
    for (const marketId of old?.marketIds ?? []) tx.srem(this.marketKey(marketId), workerId);
    await tx.exec();
    if (this.connectedHere.has(workerId)) this.connectedHere.set(workerId, undefined);
  }

  /**
   * Nearest first in widening rings (GEOSEARCH … ASC, never ANY), stopping as soon as the visitor says no
   * worker farther out could be chosen: in a crowded city a search reads a kilometre or two, not the whole
   * radius, so no single command holds Redis for long.
   */
  async forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void> {
    const seen = new Set<string>();
    for (let ringKm = Math.min(FIRST_RING_KM, radiusKm); ; ringKm = Math.min(ringKm * 2, radiusKm)) {
      const hits = (await this.redis.call(
        'GEOSEARCH',
        this.tradeKey(trade),
        'FROMLONLAT',
        center.lng,
        center.lat,
        'BYRADIUS',
        ringKm,
        'km',
        'ASC',
        'WITHDIST',
      )) as Array<[string, string]>;
      const fresh = hits.filter(([id]) => !seen.has(id));
      for (const [id] of fresh) seen.add(id);
      if (fresh.length) {
        const records = await this.records(fresh.map(([id]) => id));
        fresh.forEach(([, dist], i) => {
          const raw = records[i];
          if (!raw) return;
          const presence = JSON.parse(raw) as WorkerPresence;
          if (presence.status === 'waiting') visitor.consider(presence, Number(dist));
        });
      }
      if (ringKm >= radiusKm || !visitor.wantsBeyond(ringKm)) return;
    }
  }

  countWaitingAt(marketId: string): Promise<number> {
    return this.redis.scard(this.marketKey(marketId));
  }

  countWaiting(trade: string): Promise<number> {
    return this.redis.zcard(this.tradeKey(trade));
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
    return `${this.prefix}geo:trade:${trade}`;
  }
  private marketKey(marketId: string): string {
    return `${this.prefix}waiting:market:${marketId}`;
  }
  private seenKey(): string {
    return `${this.prefix}presence:seen`;
  }
}
