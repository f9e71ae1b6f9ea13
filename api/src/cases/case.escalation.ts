import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainEvents } from '../events/domain-events.js';
import { CaseNotifier } from './case.notifier.js';
import { CasesService } from './cases.service.js';

/**
 * The module's subscriptions and its periodic check. Every CASE_OVERDUE_CHECK_S each instance marks
 * newly overdue cases (a conditional update: each case is escalated once, by one instance) and adopts
 * disputes that have no case yet. The timer is unref'd: it never keeps the process alive.
 */
@Injectable()
export class CaseEscalation implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly cases: CasesService,
    private readonly notifier: CaseNotifier,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.notifier.start();
    this.events.on('dispute.opened', ({ disputeId }) => this.cases.fromDispute(disputeId));
    this.timer = setInterval(() => this.tick(), this.config.cases.overdueCheckS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = (async () => {
      await this.cases.escalateOverdue();
      await this.cases.adoptDisputes();
    })()
      .catch((err: unknown) => this.log.error({ err }, 'case check failed'))
      .finally(() => (this.running = undefined));
  }
}
