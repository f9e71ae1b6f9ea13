import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { DispatchService } from './dispatch.service.js';
import { DispatchSweep } from './dispatch.sweep.js';

/**
 * The dispatch loop: waves of ranked offers, widening until a shift fills, is cancelled or expires. Nobody
 * calls it: it reacts to domain events (shift.opened, offer.declined, offers.expired, assignment.cancelled,
 * worker.waiting, shift.cancelled, shift.filled) and sweeps periodically.
 */
@Module({
  imports: [EventsModule, OffersModule, PresenceModule, ShiftsModule],
  providers: [DispatchService, DispatchSweep],
})
export class DispatchModule {}
