import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { WorkersModule } from '../workers/workers.module.js';
import { TrainingDemandRepository } from './training-demand.repository.js';
import { TrainingDemandService } from './training-demand.service.js';
import { TrainingNotifier } from './training.notifier.js';
import { TrainingsController } from './trainings.controller.js';
import { TrainingsRepository } from './trainings.repository.js';
import { TrainingsService } from './trainings.service.js';

/** Trainings (技能/创业培训信息推介) and training demand (培训需求收集), protocol Part 2. */
@Module({
  imports: [AccessModule, DatabaseModule, EventsModule, PresenceModule, RealtimeModule, ReferenceModule, WorkersModule],
  controllers: [TrainingsController],
  providers: [TrainingsRepository, TrainingsService, TrainingDemandRepository, TrainingDemandService, TrainingNotifier],
  exports: [TrainingsService],
})
export class TrainingsModule {}
