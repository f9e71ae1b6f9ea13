import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { RegionBoundaries } from './boundaries.js';
import { MarketsService } from './markets.service.js';
import { ReferenceController } from './reference.controller.js';
import { RegionTree } from './region-tree.js';

/** Reference data: trades, industries, regions (the national tree and outlines) and markets (kept in memory, reloaded each minute). */
@Module({
  imports: [DatabaseModule],
  controllers: [ReferenceController],
  providers: [MarketsService, RegionTree, RegionBoundaries],
  exports: [MarketsService, RegionTree],
})
export class ReferenceModule {}
