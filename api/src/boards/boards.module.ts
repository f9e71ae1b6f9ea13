import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { boardBusProvider } from './board-bus.provider.js';
import { BoardFeed } from './board.feed.js';
import { BoardGateway } from './board.gateway.js';
import { BoardNotifier } from './board.notifier.js';
import { BoardService } from './board.service.js';

/**
 * Public market boards: the /board namespace (snapshot, then numbered deltas), the board bus (memory or
 * Redis, by configuration), and the notifier that turns shift and presence events into deltas.
 */
@Module({
  imports: [DatabaseModule, EventsModule, PresenceModule, RealtimeModule, RedisModule, ReferenceModule, ShiftsModule, StatsModule],
  providers: [boardBusProvider, BoardService, BoardFeed, BoardGateway, BoardNotifier],
  exports: [BoardService, BoardFeed],
})
export class BoardsModule {}
