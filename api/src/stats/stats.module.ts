import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { MonthlyStatsService } from './monthly-stats.service.js';
import { PublishedMonthsRepository } from './published-months.repository.js';
import { StatsController } from './stats.controller.js';
import { FiguresController } from './figures.controller.js';
import { FiguresRollupJob } from './figures-rollup.job.js';
import { FiguresRollupService } from './figures-rollup.service.js';
import { FiguresService } from './figures.service.js';
import { FiguresTrendsService } from './figures-trends.service.js';

/** Monthly labour-market figures (demand, seekers, ratios, wages) by region and trade, live or as published. */
@Module({
  imports: [DatabaseModule],
  controllers: [StatsController, FiguresController],
  providers: [MonthlyStatsService, PublishedMonthsRepository, FiguresRollupService, FiguresRollupJob, FiguresService, FiguresTrendsService],
  exports: [MonthlyStatsService, PublishedMonthsRepository, FiguresService, FiguresRollupService],
})
export class StatsModule {}
