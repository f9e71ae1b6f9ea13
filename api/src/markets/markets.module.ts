import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { BoardsModule } from '../boards/boards.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { MarketEditor } from './market-editor.service.js';
import { MarketLive } from './market-live.js';
import { MarketRepository } from './market.repository.js';
import { MarketsController } from './markets.controller.js';

/** Markets as their admins and staff keep them; the public list and detail; live updates to boards. */
@Module({
  imports: [AccessModule, DatabaseModule, EventsModule, ReferenceModule, BoardsModule],
  controllers: [MarketsController],
  providers: [MarketRepository, MarketEditor, MarketLive],
})
export class MarketsModule {}
