import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LendingService } from './lending.service.js';

/** Every SERVICES_CHECK_S: loans newly past their due time become overdue (once each). Unref'd timer. */
@Injectable()
export class LendingClock implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly lending: LendingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), this.config.services.checkS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.lending
      .markOverdue()
      .catch((err: unknown) => this.log.error({ err }, 'loan check failed'))
      .finally(() => (this.running = undefined));
  }
}
