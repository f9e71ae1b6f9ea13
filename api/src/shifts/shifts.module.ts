import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ShiftsController } from './shifts.controller.js';
import { ShiftsRepository } from './shifts.repository.js';
import { ShiftsService } from './shifts.service.js';

/** Employers' shifts: post (publishes `shift.opened`), list, view, cancel (publishes `shift.cancelled`). */
@Module({
  imports: [DatabaseModule, EventsModule, OffersModule, ReferenceModule, AccessModule],
  controllers: [ShiftsController],
  providers: [ShiftsRepository, ShiftsService],
  exports: [ShiftsService, ShiftsRepository],
})
export class ShiftsModule {}
