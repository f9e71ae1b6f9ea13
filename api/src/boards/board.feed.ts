import type { Market } from '@linggong/protocol';
import type { Logger } from 'pino';
import type { BoardBus, BoardDelta, BoardDeltaBody } from './board-bus.js';
import type { BoardService } from './board.service.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';

const STATS_INTERVAL_MS = 1000;

/**
 * Numbered deltas to market boards: published through the board bus (which numbers them and reaches
 * every instance in order) and emitted by each instance to its own board sockets only.
 */
export class BoardFeed {
  private readonly lastStats = new Map<string, string>();
  private statsTimer?: NodeJS.Timeout;
  private dirty = false;

  constructor(
    private readonly boards: BoardService,
    private readonly bus: BoardBus,
    private readonly registry: RealtimeRegistry,
    private readonly markets: () => Market[],
    private readonly log: Logger,
  ) {
    bus.onDeliver((marketId, event, payload) => {
      this.registry.board?.local.to(rooms.board(marketId)).emit(event, payload);
    });
  }

  async send<E extends BoardDelta>(marketId: string, event: E, body: BoardDeltaBody<E>): Promise<void> {
    await this.bus.publish(marketId, event, body);
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
    const markets = this.markets();
    const all = await this.boards.statsFor(markets);
    for (const market of markets) {
      const stats = all.get(market.id)!;
      const key = JSON.stringify(stats);
      if (this.lastStats.get(market.id) === key) continue;
      this.lastStats.set(market.id, key);
      await this.send(market.id, 'stats:updated', { stats });
    }
  }

  stop(): void {
    clearTimeout(this.statsTimer);
  }
}
