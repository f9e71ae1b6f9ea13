import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { WorkerFeed } from './worker.feed.js';

/** Domain events become messages to workers' phones: offers, withdrawals, hires cancelled under them. */
@Injectable()
export class WorkerNotifier implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly workers: WorkerFeed,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.events.on('offers.sent', ({ shiftId, offers }) => this.pushOffers(shiftId, offers));
    this.events.on('offers.withdrawn', ({ offers, reason }) => {
      this.workers.send(offers.map((o) => ({ workerId: o.workerId, event: 'offer:withdrawn', payload: { offerId: o.offerId, reason } })));
    });
    this.events.on('assignment.cancelled', ({ assignmentId, shiftId, workerId, reason, byWorker }) => {
      // A worker who cancelled has the answer on their phone already.
      if (byWorker) return;
      this.workers.send([{ workerId, event: 'assignment:cancelled', payload: { assignmentId, shiftId, reason } }]);
    });
  }

  /** The hot path of a wave: one batch for the whole wave (the bench reads this function's share of CPU). */
  private pushOffers(shiftId: string, offers: DomainEventMap['offers.sent']['offers']): void {
    this.workers.send(offers.map(({ workerId, payload }) => ({ workerId, event: 'offer', payload })));
    if (this.log.isLevelEnabled('debug'))
      for (const { workerId, payload } of offers)
        this.log.debug({ event: 'offer.pushed', offerId: payload.offerId, workerId, shiftId }, 'offer pushed');
  }
}
