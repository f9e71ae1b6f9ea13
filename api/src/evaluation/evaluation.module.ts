import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { CoverageRepository } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';
import { EvaluationController } from './evaluation.controller.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { EvaluationService } from './evaluation.service.js';
import { MarketMetricsRepository } from './market-metrics.repository.js';

/** Operator evaluation (thresholds, runs, history, the exit flag) and coverage of demand by markets. */
@Module({
  imports: [DatabaseModule, EventsModule, AccessModule, ReferenceModule],
  controllers: [EvaluationController],
  providers: [EvaluationRepository, EvaluationService, MarketMetricsRepository, CoverageRepository, CoverageService],
})
export class EvaluationModule {}
