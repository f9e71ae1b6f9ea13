import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MemoryBoardBus, type BoardBus } from './boards/board-bus.js';
import type { AppConfig } from './config/config.js';
import { MemoryPresenceStore } from './presence/memory-presence.store.js';
import type { PresenceStore } from './presence/presence.store.js';
import { RedisBoardBus } from './redis/redis-board-bus.js';
import { RedisPresenceStore } from './redis/redis-presence.store.js';
import { RedisWorkerBus } from './redis/redis-worker-bus.js';
import { MemoryWorkerBus, type WorkerBus } from './realtime/worker-bus.js';

/** What differs between one process and many: where presence lives and how broadcasts travel. */
export interface Infrastructure {
  bus: 'memory' | 'redis';
  presence: PresenceStore;
  boardBus: BoardBus;
  workerBus: WorkerBus;
  /** The Socket.IO adapter factory for scale-out; undefined means Socket.IO's in-memory adapter. */
  socketAdapter?: ReturnType<typeof createAdapter>;
  /** Resolves when the shared store answers (always, in memory). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function createInfrastructure(config: AppConfig, log: Logger): Promise<Infrastructure> {
  if (!config.redisUrl) {
    return {
      bus: 'memory',
      presence: new MemoryPresenceStore(),
      boardBus: new MemoryBoardBus(),
      workerBus: new MemoryWorkerBus(),
      ping: async () => {},
      close: async () => {},
    };
  }
  const connect = (name: string) => {
    const client = new Redis(config.redisUrl!, { connectionName: `linggong-${config.instanceId}-${name}`, maxRetriesPerRequest: null });
    client.on('error', (err: Error) => log.warn({ err: err.message, redis: name }, 'redis connection problem'));
    return client;
  };
  const [commands, subscriber, adapterPub, adapterSub] = ['commands', 'sub', 'io-pub', 'io-sub'].map(connect);
  const prefix = config.redisKeyPrefix;
  const presence = new RedisPresenceStore(commands, prefix, Math.min(15_000, (config.presenceGraceS * 1000) / 3));
  const boardBus = new RedisBoardBus(commands, subscriber, prefix, log);
  const workerBus = new RedisWorkerBus(commands, subscriber, prefix, log);
  await Promise.all([boardBus.start(), workerBus.start()]);
  presence.start();
  return {
    bus: 'redis',
    presence,
    boardBus,
    workerBus,
    socketAdapter: createAdapter(adapterPub, adapterSub, { key: `${prefix}socket.io` }),
    ping: async () => {
      await commands.ping();
    },
    close: async () => {
      presence.stop();
      await Promise.allSettled([commands, subscriber, adapterPub, adapterSub].map((c) => c.quit()));
    },
  };
}
