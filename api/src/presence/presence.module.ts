import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { presenceStoreProvider } from './presence-store.provider.js';
import { PresenceService } from './presence.service.js';
import { PresenceSweep } from './presence.sweep.js';
import { PRESENCE_STORE } from './presence.store.js';

/**
 * Who is waiting for work, where: the presence store (memory or Redis, by configuration), the service
 * workers' phones call (publishes `worker.waiting` and `presence.changed`), and the grace-period sweep.
 */
@Module({
  imports: [DatabaseModule, EventsModule, RedisModule, ReferenceModule],
  providers: [presenceStoreProvider, PresenceService, PresenceSweep],
  exports: [PresenceService, PRESENCE_STORE],
})
export class PresenceModule {}
