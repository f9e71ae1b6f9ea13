import { Inject, Injectable } from '@nestjs/common';
import type { LatLng, PresenceStatus } from '@linggong/protocol';
import type { Logger } from 'pino';
import type { PresenceInput } from './presence.schemas.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { PrismaClient } from '../database/prisma.js';
import { reliabilityOf } from '../common/reliability.js';
import { DomainEvents } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import { chinaDate } from '../stats/month.js';
import { effectivePriority } from './effective-priority.js';
import { distanceKm } from '../common/geo.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PRESENCE_STORE, type PresenceStore } from './presence.store.js';

/** Workers saying they wait for work, are busy, or have gone; and the grace period after a dropped socket. */
@Injectable()
export class PresenceService {
  constructor(
    private readonly prisma: PrismaClient,
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async set(workerId: string, input: PresenceInput): Promise<{ status: PresenceStatus }> {
    const worker = await this.prisma.workerProfile.findUnique({ where: { id: workerId } });
    if (!worker) throw new AppError('PROFILE_REQUIRED');
    const market = input.marketId ? await this.markets.find(input.marketId) : undefined;
    if (input.marketId && !market) throw fieldError('marketId', '没有这个市场', 'Unknown market');
    if (input.status !== 'waiting') {
      await this.store.remove(workerId);
      this.changed(workerId, input.status);
      return { status: input.status };
    }
    const location = input.location ?? market?.location;
    if (!location) throw fieldError('location', '候工时需要位置或市场', 'A location or a market is needed to wait');
    const previous = await this.store.get(workerId);
    const now = Date.now();
    const sameDay = previous && chinaDate(new Date(previous.waitingSince)) === chinaDate(new Date(now));
    await this.store.put({
      workerId,
      status: 'waiting',
      location,
      marketId: market?.id,
      marketIds: this.markets.covering(location, market?.id ?? null).map((m) => m.id),
      trades: worker.trades,
      priority: effectivePriority(worker, new Date(now), this.config.olderWorkerAge),
      reliability: reliabilityOf(worker),
      waitingSince: sameDay ? previous.waitingSince : now,
    });
    const regionCode = (market ?? this.markets.nearest(location))?.regionCode ?? null;
    // Phones repeat their presence every minute; the day's rows were written by the first one.
    const recorded = sameDay && previous.status === 'waiting' && worker.trades.every((t) => previous.trades.includes(t));
    if (!recorded) await this.recordWaitingDay(workerId, worker.trades, regionCode, location);
    if (regionCode && !worker.regionCode) await this.prisma.workerProfile.update({ where: { id: workerId }, data: { regionCode } });
    this.changed(workerId, 'waiting');
    // Phones repeat their presence every minute: only a worker newly waiting, or moved, can change a wave.
    const news = previous?.status !== 'waiting' || distanceKm(previous.location, location) > 1;
    if (news) this.events.publish('worker.waiting', { workerId, trades: worker.trades });
    return { status: 'waiting' };
  }

  disconnected(workerId: string): Promise<void> {
    return this.store.markDisconnected(workerId, Date.now());
  }

  connected(workerId: string): Promise<void> {
    return this.store.markConnected(workerId);
  }

  /** Workers gone longer than the grace period stop being offered work. */
  async expireGrace(graceS: number): Promise<void> {
    for (const workerId of await this.store.takeDisconnectedBefore(Date.now() - graceS * 1000)) {
      this.log.info({ event: 'presence.grace_expired', workerId }, 'worker offline after grace period');
      this.changed(workerId, 'offline');
    }
  }

  private changed(workerId: string, status: PresenceStatus): void {
    this.events.publish('presence.changed', { workerId, status });
  }

  private async recordWaitingDay(workerId: string, trades: string[], regionCode: string | null, at: LatLng): Promise<void> {
    const day = new Date(`${chinaDate(new Date())}T00:00:00Z`);
    // Rounded to 0.01° (about 1 km), the coverage map's grid: where demand is, never a worker's doorstep.
    const [lat, lng] = [Math.round(at.lat * 100) / 100, Math.round(at.lng * 100) / 100];
    await this.prisma.waitingDay.createMany({
      data: trades.map((trade) => ({ workerId, day, trade, regionCode, lat, lng })),
      skipDuplicates: true,
    });
  }
}
