import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EventsModule } from '../events/events.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { WorkerGateway } from './worker.gateway.js';
import { WorkerFeed } from './worker.feed.js';
import { WorkerNotifier } from './worker.notifier.js';
import { workerBusProvider } from './worker-bus.provider.js';

/**
 * Workers' phones over Socket.IO: the /worker namespace (presence, accept, decline), the worker bus (memory
 * or Redis, by configuration) and the notifier that turns offer events into messages to phones.
 */
@Module({
  imports: [AuthModule, EventsModule, OffersModule, PresenceModule, RealtimeModule, RedisModule],
  providers: [workerBusProvider, WorkerFeed, WorkerGateway, WorkerNotifier],
  // Other capabilities tell workers of things (a case's steps) through the same feed.
  exports: [WorkerFeed],
})
export class WorkersModule {}
