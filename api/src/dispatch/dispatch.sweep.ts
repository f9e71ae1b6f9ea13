import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DispatchService } from './dispatch.service.js';

/** Runs dispatch's periodic safety net (deadlines, overdue shifts, shifts still wanting offers) every sweep. */
@Injectable()
export class DispatchSweep implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatch: DispatchService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweepOnce(), this.config.dispatch.sweepS * 1000);
    this.timer.unref();
    this.sweepOnce();
  }

  private sweepOnce(): void {
    if (this.sweeping) return;
    this.sweeping = this.dispatch
      .sweep()
      .catch((err: unknown) => this.log.error({ err }, 'dispatch sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A sweep under way finishes before the events it published are drained and the stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeping;
  }
}
