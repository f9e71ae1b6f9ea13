import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { WorkersModule } from '../workers/workers.module.js';
import { GuidanceClock } from './guidance.clock.js';
import { GuidanceController } from './guidance.controller.js';
import { GuidanceRepository } from './guidance.repository.js';
import { GuidanceService } from './guidance.service.js';

/** Career guidance (职业指导) at each market: sessions, bookings from the phone or the window, outcomes, reminders, no-shows. */
@Module({
  imports: [AccessModule, AuthModule, DatabaseModule, EventsModule, ReferenceModule, WorkersModule],
  controllers: [GuidanceController],
  providers: [GuidanceRepository, GuidanceService, GuidanceClock],
})
export class GuidanceModule {}
