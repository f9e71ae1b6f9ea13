import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { WorkersModule } from '../workers/workers.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CaseKinds } from './case-kinds.js';
import { CaseEscalation } from './case.escalation.js';
import { CaseNotifier } from './case.notifier.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

/** Complaints, wage arrears, disputes, injuries and consultations at a market's desk, under the service rules. */
@Module({
  imports: [AccessModule, CalendarModule, DatabaseModule, EventsModule, RealtimeModule, ReferenceModule, WorkersModule],
  controllers: [CasesController],
  providers: [
    { provide: CaseKinds, useFactory: (c: AppConfig) => new CaseKinds(c.cases.timeLimits), inject: [APP_CONFIG] },
    CasesRepository,
    CasesService,
    CaseNotifier,
    CaseEscalation,
  ],
  exports: [CasesService],
})
export class CasesModule {}
