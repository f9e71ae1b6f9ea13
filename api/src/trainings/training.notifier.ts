import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Market } from '@linggong/protocol';
import type { Logger } from 'pino';
import { regionCovers } from '../access/region-scope.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { PRESENCE_STORE, type PresenceStore } from '../presence/presence.store.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { MarketsService } from '../reference/markets.service.js';
import { WorkerFeed } from '../workers/worker.feed.js';
import { toBoardTraining, toTrainingView } from './training.view.js';
import { TrainingsRepository, type TrainingRow } from './trainings.repository.js';
import { TrainingsService } from './trainings.service.js';

/** How often the upcoming trainings are read again, so that every instance knows of one published elsewhere. */
const RELOAD_MS = 60_000;

/**
 * Tells waiting workers of a training that fits their trades, once per worker per training (TrainingNotice
 * decides, across instances): those waiting when it is published, and those who start waiting later while it
 * is still upcoming. Gives boards their market's upcoming trainings (`trainings:updated`). Runs from domain
 * events, never in a request: publishing a training answers before anyone is told.
 */
@Injectable()
export class TrainingNotifier implements OnModuleInit, OnModuleDestroy {
  /** Upcoming trainings, kept here so that a worker starting to wait costs no query when none fits. */
  private upcoming: TrainingRow[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: DomainEvents,
    private readonly trainings: TrainingsRepository,
    private readonly service: TrainingsService,
    private readonly markets: MarketsService,
    @Inject(PRESENCE_STORE) private readonly presence: PresenceStore,
    private readonly workers: WorkerFeed,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.on('training.published', async ({ trainingId }) => {
      await this.reload();
      const t = await this.trainings.find(trainingId);
      if (!t) return;
      await this.tellWaiting(t);
      await this.updateBoards(t);
    });
    this.events.on('training.signed_up', async ({ trainingId }) => {
      const t = await this.trainings.find(trainingId);
      if (t) await this.updateBoards(t);
    });
    this.events.on('worker.waiting', ({ workerId, trades }) => this.tellLate(workerId, trades));
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async reload(): Promise<void> {
    this.upcoming = await this.trainings.upcoming({ now: new Date() }, 1000);
  }

  /** The markets whose waiting workers a training is for: its own, or every market of its region. */
  private marketsOf(t: TrainingRow): Market[] {
    if (t.marketId) return this.markets.all().filter((m) => m.id === t.marketId);
    return this.markets.all().filter((m) => regionCovers(t.regionCode, m.regionCode));
  }

  private async tellWaiting(t: TrainingRow): Promise<void> {
    const found = new Set<string>();
    const visitor = { consider: (w: { workerId: string }) => void found.add(w.workerId), wantsBeyond: () => true };
    for (const market of this.marketsOf(t))
      for (const trade of t.trades) await this.presence.forEachNearby(trade, market.location, market.reachKm, visitor);
    await this.tell(t, [...found]);
  }

  /** A worker newly waiting hears of the upcoming trainings near them that fit and they were not told of. */
  private async tellLate(workerId: string, trades: string[]): Promise<void> {
    const now = Date.now();
    const fitting = this.upcoming.filter((t) => t.startsAt.getTime() > now && t.trades.some((x) => trades.includes(x)));
    if (!fitting.length) return;
    const p = await this.presence.get(workerId);
    if (!p || p.status !== 'waiting') return;
    const near = fitting.filter((t) => this.marketsOf(t).some((m) => p.marketIds.includes(m.id)));
    if (!near.length) return;
    const told = await this.trainings.toldOf(workerId, near.map((t) => t.id));
    for (const t of near) if (!told.has(t.id)) await this.tell(t, [workerId]);
  }

  private async tell(t: TrainingRow, workerIds: string[]): Promise<void> {
    const fresh = await this.trainings.markTold(t.id, workerIds);
    if (!fresh.length) return;
    const marketName = t.marketId ? this.markets.all().find((m) => m.id === t.marketId)?.name : undefined;
    const training = toTrainingView(t, { marketName });
    this.workers.send(fresh.map((workerId) => ({ workerId, event: 'training' as const, payload: { training } })));
    this.log.info({ event: 'training.told', trainingId: t.id, workers: fresh.length }, 'waiting workers told of a training');
  }

  /** Each board showing the training gets its market's upcoming trainings again (through the adapter: every instance). */
  private async updateBoards(t: TrainingRow): Promise<void> {
    const nsp = this.registry.board;
    if (!nsp) return;
    for (const market of this.marketsOf(t)) {
      const room = rooms.board(market.id);
      if (!this.registry.mayReach(nsp, room)) continue;
      const trainings = (await this.service.atMarket(market.id, market.regionCode)).map(toBoardTraining);
      nsp.to(room).emit('trainings:updated', { trainings });
    }
  }
}
