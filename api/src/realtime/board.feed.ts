import type { BoardServerEvents, Market } from '@linggong/protocol';
import type { Logger } from 'pino';
import type { BoardService } from '../boards/board.service.js';
import { KeyedQueue } from '../dispatch/keyed-queue.js';
import { RealtimeRegistry, rooms } from './realtime.registry.js';

type Delta = Exclude<keyof BoardServerEvents, 'board:snapshot'>;
type DeltaBody<E extends Delta> = Omit<Parameters<BoardServerEvents[E]>[0], 'seq'>;

const STATS_INTERVAL_MS = 1000;

/**
 * Numbered deltas to a market's boards. Numbering and emitting happen in one queue per market,
 * so boards receive seq n+1 right after n, and a snapshot never interleaves with a delta.
 */
export class BoardFeed {
  private readonly queue = new KeyedQueue();
  private readonly lastStats = new Map<string, string>();
  private statsTimer?: NodeJS.Timeout;
  private dirty = false;

  constructor(
    private readonly boards: BoardService,
    private readonly registry: RealtimeRegistry,
    private readonly markets: () => Market[],
    private readonly log: Logger,
  ) {}

  inOrder<T>(marketId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(marketId, task);
  }

  send<E extends Delta>(marketId: string, event: E, body: DeltaBody<E>): Promise<void> {
    return this.inOrder(marketId, async () => {
      const seq = await this.boards.nextSeq(marketId);
      this.registry.board?.to(rooms.board(marketId)).emit(event, { seq, ...body });
    });
  }

  /** Figures change often (every presence change); boards get them at most once a second. */
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
    const watched = this.markets().filter((m) => (this.registry.board?.adapter.rooms.get(rooms.board(m.id))?.size ?? 0) > 0);
    for (const market of watched) {
      const stats = await this.boards.stats(market);
      const key = JSON.stringify({ ...stats });
      if (this.lastStats.get(market.id) === key) continue;
      this.lastStats.set(market.id, key);
      await this.send(market.id, 'stats:updated', { stats });
    }
  }

  stop(): void {
    clearTimeout(this.statsTimer);
  }
}
