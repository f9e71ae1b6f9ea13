import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RedisConnections } from '../redis/redis.connections.js';
import { MemoryPresenceStore } from './memory-presence.store.js';
import { PRESENCE_STORE, type PresenceStore } from './presence.store.js';
import { RedisPresenceStore } from './redis-presence.store.js';

/** Where presence lives: this process's memory, or Redis when REDIS_URL is set (scale-out). */
export const presenceStoreProvider: Provider = {
  provide: PRESENCE_STORE,
  useFactory: (redis: RedisConnections, config: AppConfig): PresenceStore => {
    if (!redis.enabled) return new MemoryPresenceStore();
    const store = new RedisPresenceStore(redis.commands, redis.prefix, Math.min(15_000, (config.presenceGraceS * 1000) / 3));
    store.start();
    return store;
  },
  inject: [RedisConnections, APP_CONFIG],
};
