import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { MonthlyStatsService } from './monthly-stats.service.js';
import { PublishedMonthsRepository } from './published-months.repository.js';
import { StatsController } from './stats.controller.js';

/** Monthly labour-market figures (demand, seekers, ratios, wages) by region and trade, live or as published. */
@Module({
  imports: [DatabaseModule],
  controllers: [StatsController],
  providers: [MonthlyStatsService, PublishedMonthsRepository],
  exports: [MonthlyStatsService, PublishedMonthsRepository],
})
export class StatsModule {}
