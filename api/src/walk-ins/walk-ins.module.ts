import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DevSmsController } from './dev-sms.controller.js';
import { SmsRepliesService } from './sms-replies.service.js';
import { StaffCasesFeed } from './staff-cases.feed.js';
import { StaffGateway } from './staff.gateway.js';
import { StaffShiftsService } from './staff-shifts.service.js';
import { WalkInDirectory } from './walk-in.directory.js';
import { WalkInFeed } from './walk-in.feed.js';
import { WalkInsController } from './walk-ins.controller.js';
import { WalkInsRepository } from './walk-ins.repository.js';
import { WalkInsService } from './walk-ins.service.js';

/**
 * Walk-in workers (protocol Part 2): registered at a market's window, waiting by ticket, their offers on
 * the staff console (`/staff`), called out on the hall's boards and sent by SMS, answered by staff.
 */
@Module({
  imports: [
    AccessModule,
    AccountsModule,
    AuthModule,
    DatabaseModule,
    EventsModule,
    OffersModule,
    PresenceModule,
    RealtimeModule,
    ReferenceModule,
    ShiftsModule,
  ],
  controllers: [WalkInsController, DevSmsController],
  providers: [
    WalkInsRepository,
    WalkInsService,
    StaffShiftsService,
    SmsRepliesService,
    WalkInFeed,
    StaffCasesFeed,
    StaffGateway,
    { provide: WalkInDirectory, useFactory: (c: AppConfig) => new WalkInDirectory(!!c.redisUrl), inject: [APP_CONFIG] },
  ],
  exports: [WalkInsService],
})
export class WalkInsModule {}
