import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrivacyRepository } from './privacy.repository.js';

const DAY_MS = 86_400_000;

/**
 * Keeps personal data only as long as docs/privacy.md says: check-in and check-out positions are erased
 * after `retention.checkInLocationDays`, spent revocations and login codes dropped. Idempotent: several
 * instances may run it at once.
 */
@Injectable()
export class RetentionJob implements OnModuleInit, OnApplicationShutdown {
  private readonly task = new PeriodicTask(
    () => this.run(),
    (error) => this.log.warn({ event: 'retention.failed', err: error.message }, 'retention job failed'),
  );

  constructor(
    private readonly repository: PrivacyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.task.start(this.config.retention.sweepS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async run(now = new Date()): Promise<{ positions: number; revocations: number; codes: number }> {
    const positions = await this.repository.eraseOldPositions(new Date(now.getTime() - this.config.retention.checkInLocationDays * DAY_MS));
    const revocations = await this.repository.dropExpiredRevocations(now);
    const codes = await this.repository.dropOldLoginCodes(new Date(now.getTime() - DAY_MS));
    if (positions || revocations || codes) this.log.info({ event: 'retention.done', positions, revocations, codes }, 'retention job');
    return { positions, revocations, codes };
  }
}
