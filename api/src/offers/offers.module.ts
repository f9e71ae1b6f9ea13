import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DatabaseModule } from '../database/database.module.js';
import { PrismaClient } from '../database/prisma.js';
import { EventsModule } from '../events/events.module.js';
import { AcceptGate } from './accept-gate.js';
import { acceptOffers } from './accept-offer.js';
import { OFFER_CLOCK, TimerOfferClock } from './offer-clock.js';
import { OfferActors } from './offer-actors.js';
import { OfferDeadlines } from './offer-deadlines.js';
import { OffersController } from './offers.controller.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';

/**
 * Offers and their answers: the Offer table (OffersRepository, and the accept statement in accept-offer.ts),
 * the accept gate that answers a race at once, accept/decline (publishes `offer.declined`, `shift.filled`),
 * and the deadlines (publishes `offers.expired`).
 */
@Module({
  imports: [DatabaseModule, EventsModule, AccessModule],
  controllers: [OffersController],
  providers: [
    OffersRepository,
    OffersService,
    OfferActors,
    OfferDeadlines,
    { provide: OFFER_CLOCK, useClass: TimerOfferClock },
    {
      // The gate takes the hire statement as a function (its spec drives it with a fake one).
      provide: AcceptGate,
      useFactory: (prisma: PrismaClient, config: AppConfig) =>
        new AcceptGate((requests) => acceptOffers(prisma, requests, new Date()), 2 * config.dispatch.offerTtlS * 1000),
      inject: [PrismaClient, APP_CONFIG],
    },
  ],
  exports: [OffersService, OffersRepository, OfferDeadlines],
})
export class OffersModule {}
