import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Market } from '@linggong/protocol';
import { LOGGER } from '../common/logger.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { MarketsService } from '../reference/markets.service.js';
import { BOARD_BUS, type BoardBus, type BoardDelta, type BoardDeltaBody } from './board-bus.js';
import { BoardService } from './board.service.js';

const STATS_INTERVAL_MS = 1000;

/**
 * Numbered deltas to market boards: published through the board bus (which numbers them and reaches
 * every instance in order) and emitted by each instance to its own board sockets only.
 */
@Injectable()
export class BoardFeed implements OnModuleDestroy {
  private readonly lastStats = new Map<string, string>();
  private statsTimer?: NodeJS.Timeout;
  private dirty = false;

  constructor(
    private readonly boards: BoardService,
    @Inject(BOARD_BUS) private readonly bus: BoardBus,
    private readonly registry: RealtimeRegistry,
    private readonly markets: MarketsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    bus.onDeliver((marketId, event, payload) => {
      // The bus carries any delta; `send` built the payload for its event.
      this.registry.board?.local.to(rooms.board(marketId)).emit(event, payload as never);
    });
  }

  async send<E extends BoardDelta>(marketId: string, event: E, body: BoardDeltaBody<E>): Promise<void> {
    await this.bus.publish(marketId, event, body);
  }

  /**
   * A market's own details changed: its boards (on every instance, through the adapter) get the market,
   * then a fresh snapshot, since a new place or reach changes which shifts it shows. Not a numbered delta.
   */
  async marketChanged(market: Market): Promise<void> {
    const nsp = this.registry.board;
    const room = rooms.board(market.id);
    if (!nsp || !this.registry.mayReach(nsp, room)) return;
    nsp.to(room).emit('market:updated', { market });
    if (market.active) nsp.to(room).emit('board:snapshot', await this.boards.snapshot(market));
  }

  /** Figures change often (every presence change); boards get them at most once a second, only when changed. */
  statsChanged(): void {
    this.dirty = true;
    if (this.statsTimer) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = undefined;
      if (!this.dirty) return;
      this.dirty = false;
      void this.pushStats().catch((err: unknown) => this.log.error({ err }, 'board stats failed'));
    }, STATS_INTERVAL_MS);
    this.statsTimer.unref();
  }

  private async pushStats(): Promise<void> {
    const markets = this.markets.all();
    const all = await this.boards.statsFor(markets);
    for (const market of markets) {
      const stats = all.get(market.id)!;
      const key = JSON.stringify(stats);
      if (this.lastStats.get(market.id) === key) continue;
      this.lastStats.set(market.id, key);
      await this.send(market.id, 'stats:updated', { stats });
    }
  }

  onModuleDestroy(): void {
    clearTimeout(this.statsTimer);
  }
}
