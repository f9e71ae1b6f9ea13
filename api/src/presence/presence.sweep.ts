import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PresenceService } from './presence.service.js';
import { PRESENCE_STORE, type PresenceStore } from './presence.store.js';

/** Takes workers offline once their socket has been gone longer than the grace period, every sweep. */
@Injectable()
export class PresenceSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly presence: PresenceService,
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweepOnce(), this.config.dispatch.sweepS * 1000);
    this.timer.unref();
    this.sweepOnce();
  }

  private sweepOnce(): void {
    if (this.sweeping) return;
    this.sweeping = this.presence
      .expireGrace(this.config.presenceGraceS)
      .catch((err: unknown) => this.log.error({ err }, 'presence sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    this.store.stop?.();
  }
}
