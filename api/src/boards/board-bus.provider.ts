import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { RedisConnections } from '../redis/redis.connections.js';
import { BOARD_BUS, type BoardBus } from './board-bus.js';
import { MemoryBoardBus } from './memory-board-bus.js';
import { RedisBoardBus } from './redis-board-bus.js';

/** How board deltas are numbered and reach every instance: in memory, or through Redis when REDIS_URL is set. */
export const boardBusProvider: Provider = {
  provide: BOARD_BUS,
  useFactory: async (redis: RedisConnections, log: Logger): Promise<BoardBus> => {
    if (!redis.enabled) return new MemoryBoardBus();
    const bus = new RedisBoardBus(redis.commands, redis.subscriber, redis.prefix, log);
    await bus.start();
    return bus;
  },
  inject: [RedisConnections, LOGGER],
};
