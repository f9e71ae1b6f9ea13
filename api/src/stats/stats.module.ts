import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { MonthlyStatsService } from './monthly-stats.service.js';
import { StatsController } from './stats.controller.js';

/** Monthly labour-market figures (demand, seekers, ratios, wages) by region and trade. */
@Module({ imports: [DatabaseModule], controllers: [StatsController], providers: [MonthlyStatsService], exports: [MonthlyStatsService] })
export class StatsModule {}
