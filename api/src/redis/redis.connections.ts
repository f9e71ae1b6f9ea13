import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The shared Redis connections when REDIS_URL is set (scale-out): one for commands, one subscriber, two for
 * Socket.IO's adapter. Without it every store and bus is in memory and `enabled` is false.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  readonly enabled: boolean;
  readonly prefix: string;
  private readonly clients: Redis[] = [];
  private readonly commandsClient?: Redis;
  private readonly subscriberClient?: Redis;
  private readonly adapter?: ReturnType<typeof createAdapter>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(LOGGER) log: Logger) {
    this.enabled = Boolean(config.redisUrl);
    this.prefix = config.redisKeyPrefix;
    if (!config.redisUrl) return;
    const connect = (name: string) => {
      const client = new Redis(config.redisUrl!, { connectionName: `linggong-${config.instanceId}-${name}`, maxRetriesPerRequest: null });
      client.on('error', (err: Error) => log.warn({ err: err.message, redis: name }, 'redis connection problem'));
      this.clients.push(client);
      return client;
    };
    this.commandsClient = connect('commands');
    this.subscriberClient = connect('sub');
    this.adapter = createAdapter(connect('io-pub'), connect('io-sub'), { key: `${this.prefix}socket.io` });
  }

  get bus(): 'memory' | 'redis' {
    return this.enabled ? 'redis' : 'memory';
  }

  /** The command connection; only Redis stores and buses use it. */
  get commands(): Redis {
    if (!this.commandsClient) throw new Error('Redis is not configured');
    return this.commandsClient;
  }

  /** The subscriber connection, shared by the buses' channels. */
  get subscriber(): Redis {
    if (!this.subscriberClient) throw new Error('Redis is not configured');
    return this.subscriberClient;
  }

  /** Socket.IO's Redis adapter for scale-out; undefined means Socket.IO's in-memory adapter. */
  get socketAdapter(): ReturnType<typeof createAdapter> | undefined {
    return this.adapter;
  }

  /** Resolves when the shared store answers (always, in memory). */
  async ping(): Promise<void> {
    if (this.commandsClient) await this.commandsClient.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.clients.map((c) => c.quit()));
  }
}
