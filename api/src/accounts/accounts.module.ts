import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { EmployersController, WorkersController } from './profiles.controller.js';
import { ProfilesService } from './profiles.service.js';

/** Worker and employer profiles (/api/workers/me, /api/employers/me), with a worker's presence and open offers. */
@Module({
  imports: [DatabaseModule, PresenceModule, OffersModule],
  controllers: [WorkersController, EmployersController],
  providers: [ProfilesService],
  exports: [ProfilesService],
})
export class AccountsModule {}
