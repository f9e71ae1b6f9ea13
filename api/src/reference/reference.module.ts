import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { MarketsService } from './markets.service.js';
import { ReferenceController } from './reference.controller.js';

/** Reference data: trades, industries, regions and markets (markets kept in memory, reloaded each minute). */
@Module({ imports: [DatabaseModule], controllers: [ReferenceController], providers: [MarketsService], exports: [MarketsService] })
export class ReferenceModule {}
