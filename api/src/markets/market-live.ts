import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { BoardFeed } from '../boards/board.feed.js';
import { MarketsService, toMarket } from '../reference/markets.service.js';
import { MarketRepository } from './market.repository.js';

/**
 * A market changed (after the commit): this instance's cache of markets is reloaded at once, so dispatch
 * and the boards' reach use the new place; its boards get the new details and a fresh snapshot. Other
 * instances' caches follow within their reload period.
 */
@Injectable()
export class MarketLive implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly markets: MarketsService,
    private readonly repo: MarketRepository,
    private readonly feed: BoardFeed,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.events.on('market.changed', async ({ marketId, actorId }) => {
      await this.markets.reload();
      const row = await this.repo.find(marketId);
      if (!row) return;
      this.log.info({ event: 'market.changed', marketId, actorId }, 'market changed');
      await this.feed.marketChanged(toMarket(row));
    });
  }
}
