import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { LendingClock } from './lending.clock.js';
import { LendingController } from './lending.controller.js';
import { LendingRepository } from './lending.repository.js';
import { LendingService } from './lending.service.js';

/** Tools and lockers at each market (工具借用, 行李寄存): lend, return, overdue; every step in the work log. */
@Module({
  imports: [AccessModule, DatabaseModule, EventsModule, ReferenceModule],
  controllers: [LendingController],
  providers: [LendingRepository, LendingService, LendingClock],
})
export class LendingModule {}
