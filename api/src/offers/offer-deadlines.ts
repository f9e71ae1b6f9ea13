import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { OFFER_CLOCK, type OfferClock } from './offer-clock.js';
import { OffersRepository } from './offers.repository.js';

/**
 * Offers lapse at their deadline: one timer for the earliest (the periodic sweep covers deadlines set by
 * other instances). What lapsed is told as `offers.withdrawn` (phones) and `offers.expired` (dispatch
 * sends those shifts' next waves).
 */
@Injectable()
export class OfferDeadlines implements OnModuleDestroy {
  constructor(
    private readonly offers: OffersRepository,
    private readonly events: DomainEvents,
    @Inject(OFFER_CLOCK) private readonly clock: OfferClock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    clock.onDue(() => this.expireDue());
  }

  /** A wave's offers lapse at `at`: wakes then unless an earlier deadline is already set. */
  wakeAt(at: Date): void {
    this.clock.wakeAt(at);
  }

  /** Lapses offers past their deadline, tells of them, and sets the timer for the next deadline. */
  async expireDue(): Promise<void> {
    try {
      const expired = await this.offers.expireDue(new Date());
      if (expired.length) {
        this.events.publish('offers.withdrawn', { offers: expired, reason: 'expired' });
        for (const id of new Set(expired.map((o) => o.shiftId))) this.events.publish('shift.changed', { shiftId: id });
        this.events.publish('offers.expired', { offers: expired });
      }
      const next = await this.offers.nextDeadline();
      if (next) this.clock.wakeAt(next.expiresAt);
    } catch (error) {
      this.log.error({ err: error }, 'offer deadline handling failed');
    }
  }

  onModuleDestroy(): void {
    this.clock.stop();
  }
}
