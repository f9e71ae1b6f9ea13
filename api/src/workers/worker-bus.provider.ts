import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { RedisConnections } from '../redis/redis.connections.js';
import { MemoryWorkerBus } from './memory-worker-bus.js';
import { RedisWorkerBus } from './redis-worker-bus.js';
import { WORKER_BUS, type WorkerBus } from './worker-bus.js';

/** How batches for phones reach every instance: in memory, or through Redis when REDIS_URL is set. */
export const workerBusProvider: Provider = {
  provide: WORKER_BUS,
  useFactory: async (redis: RedisConnections, log: Logger): Promise<WorkerBus> => {
    if (!redis.enabled) return new MemoryWorkerBus();
    const bus = new RedisWorkerBus(redis.commands, redis.subscriber, redis.prefix, log);
    await bus.start();
    return bus;
  },
  inject: [RedisConnections, LOGGER],
};
