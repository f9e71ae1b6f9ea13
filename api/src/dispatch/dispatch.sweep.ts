import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainEvents } from '../events/domain-events.js';
import { PresenceService } from '../presence/presence.service.js';
import { BoardFeed } from '../boards/board.feed.js';
import { Notifier } from '../boards/board.notifier.js';
import { MarketsService } from '../reference/markets.service.js';
import { DispatchService } from './dispatch.service.js';
import { OFFER_CLOCK, type OfferClock } from './offer-clock.js';

const MARKETS_RELOAD_MS = 60_000;

/** Starts the notifier and the periodic sweep; stops them, and lets in-flight work finish, on shutdown. */
@Injectable()
export class DispatchScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweepTimer?: NodeJS.Timeout;
  private marketsTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatch: DispatchService,
    private readonly presence: PresenceService,
    private readonly markets: MarketsService,
    private readonly notifier: Notifier,
    private readonly feed: BoardFeed,
    private readonly events: DomainEvents,
    @Inject(OFFER_CLOCK) private readonly clock: OfferClock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.markets.reload();
    this.notifier.start();
    this.sweepTimer = setInterval(() => this.sweepOnce(), this.config.dispatch.sweepS * 1000);
    this.marketsTimer = setInterval(() => void this.markets.reload().catch(() => undefined), MARKETS_RELOAD_MS);
    this.sweepTimer.unref();
    this.marketsTimer.unref();
    this.sweepOnce();
  }

  private sweepOnce(): void {
    if (this.sweeping) return;
    this.sweeping = (async () => {
      await this.presence.expireGrace(this.config.presenceGraceS);
      await this.dispatch.sweep();
    })()
      .catch((err: unknown) => this.log.error({ err }, 'dispatch sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.marketsTimer);
    this.clock.stop();
    this.feed.stop();
    await this.sweeping;
    await this.events.drain();
  }
}
