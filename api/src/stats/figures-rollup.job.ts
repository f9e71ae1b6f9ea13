import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FiguresRollupService } from './figures-rollup.service.js';

/**
 * Rebuilds closed days that later writes marked dirty (a hire confirmed the next morning, a cancellation, a
 * dispute), so that the officer who next reads that month does not wait for it: at province scale a day and
 * its month's scope tables take seconds. Readers still rebuild whatever is dirty when they come first.
 */
@Injectable()
export class FiguresRollupJob implements OnModuleInit, OnApplicationShutdown {
  private readonly task = new PeriodicTask(
    () => this.run(),
    (error) => this.log.warn({ event: 'figures.rollup_failed', err: error.message }, 'figures rollup failed'),
  );

  constructor(
    private readonly rollups: FiguresRollupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    if (this.config.figures.rollupSweepS) this.task.start(this.config.figures.rollupSweepS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async run(): Promise<number> {
    const started = Date.now();
    const days = await this.rollups.refreshDirty();
    if (days) this.log.info({ event: 'figures.rolled_up', days, ms: Date.now() - started }, 'dirty figure days rebuilt');
    return days;
  }
}
