import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerRecorder } from './ledger.recorder.js';
import { LedgerRecovery } from './ledger.recovery.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

/** Each market's hash-chained work log (工作日志台账), written from domain events only. */
@Module({
  imports: [AccessModule, DatabaseModule, EventsModule, ReferenceModule],
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerRecorder, LedgerRecovery, LedgerService],
})
export class LedgerModule {}
